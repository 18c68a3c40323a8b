package io.milvusimport.format;

import io.milvusimport.schema.CollectionSchema;
import io.milvusimport.schema.ColumnBinding;
import io.milvusimport.schema.FieldConstant;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.RowLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * What {@code format=auto} stages, decided once on the driver from the described collection and the
 * DataFrame's schema: NumPy column groups when they can hold the write (the smallest files and the
 * fastest to stage and import), else Parquet (every type, nulls included), else row JSON. Every
 * Milvus with the REST import API (2.4+) and Zilliz Cloud read all three, so the choice depends on
 * the data only; {@code json-npy} is never chosen. The reason names the field that ruled a format
 * out, for the plan log.
 */
public final class FormatChoice {
  private final String format;
  private final String reason;

  private FormatChoice(String format, String reason) {
    this.format = format;
    this.reason = reason;
  }

  /**
   * @param frame the DataFrame's schema, for column nullability
   */
  public static FormatChoice auto(CollectionSchema collection, RowLayout layout, StructType frame) {
    List<String> npy = FormatChecks.problems("npy", collection, layout, frame);
    npy.addAll(leftOutOfGroups(collection, layout));
    if (npy.isEmpty()) {
      return new FormatChoice(
          "npy",
          "every field fits NumPy column groups (no Array, sparse or Timestamptz field, no column"
              + " that may hold nulls, no nullable or default field left out)");
    }
    String noNpy = "npy is ruled out: " + npy.get(0) + more(npy);
    List<String> parquet = FormatChecks.problems("parquet", collection, layout, frame);
    if (parquet.isEmpty()) {
      return new FormatChoice("parquet", noNpy);
    }
    return new FormatChoice(
        "json",
        noNpy
            + "; parquet is ruled out too: "
            + parquet.get(0)
            + more(parquet)
            + "; falling back to row JSON, the slowest format to stage and import");
  }

  /**
   * Nullable and default fields without a column or constant are left out of an NPY group: Milvus
   * 2.6+ fills them, 2.4 and 2.5 answer "no file for field". The explicit {@code npy} accepts that;
   * auto does not know the server's version, so it never risks it.
   */
  private static List<String> leftOutOfGroups(CollectionSchema collection, RowLayout layout) {
    List<String> problems = new ArrayList<>();
    for (MilvusField field : collection.fields()) {
      if (field.mustBeAbsent()
          || !(field.nullable() || field.hasDefault())
          || written(field, layout)) {
        continue;
      }
      problems.add(
          (field.nullable() ? "nullable" : "default-valued")
              + " field '"
              + field.name()
              + "' has no column, and an NPY group would leave it out, which Milvus 2.4 and 2.5"
              + " refuse (\"no file for field\"); format npy still stages it for Milvus 2.6+");
    }
    return problems;
  }

  private static boolean written(MilvusField field, RowLayout layout) {
    for (ColumnBinding binding : layout.bindings()) {
      if (binding.field() != null && field.name().equals(binding.field().name())) {
        return true;
      }
    }
    for (FieldConstant constant : layout.constants()) {
      if (field.name().equals(constant.field().name())) {
        return true;
      }
    }
    return false;
  }

  private static String more(List<String> problems) {
    return problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
  }

  /** {@code npy}, {@code parquet} or {@code json}. */
  public String format() {
    return format;
  }

  /** Why, naming the field that ruled a format out. */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return format + " (" + reason + ")";
  }
}
