package io.milvusimport.format;

import io.milvusimport.SchemaMismatchException;
import io.milvusimport.schema.CollectionSchema;
import io.milvusimport.schema.ColumnBinding;
import io.milvusimport.schema.FieldConstant;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.MilvusType;
import io.milvusimport.schema.RowLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * Plan-time limits of the column formats, so a write that cannot succeed fails before any task
 * runs. NumPy files hold no Array, SparseFloatVector or Timestamptz values (Milvus's numpy reader
 * has no dtype for them) and no nulls; every problem names the field and the format to use instead.
 */
public final class FormatChecks {
  private FormatChecks() {}

  /**
   * @param format the {@code format} option's value
   * @param frame the DataFrame's schema, for column nullability
   * @throws SchemaMismatchException listing every field the format cannot hold
   */
  public static void check(
      String format, CollectionSchema collection, RowLayout layout, StructType frame) {
    List<String> problems = problems(format, collection, layout, frame);
    if (!problems.isEmpty()) {
      throw new SchemaMismatchException(collection.name(), problems);
    }
  }

  /**
   * What {@link #check} would refuse, one sentence per field or column (empty: the format fits);
   * {@code format=auto} picks a format by it.
   */
  static List<String> problems(
      String format, CollectionSchema collection, RowLayout layout, StructType frame) {
    if (!"npy".equals(format) && !"json-npy".equals(format)) {
      return constantProblems(format, layout);
    }
    List<String> problems = new ArrayList<>();
    for (MilvusField field : collection.fields()) {
      if (field.mustBeAbsent()) {
        continue;
      }
      MilvusType type = field.type();
      if (type == MilvusType.ARRAY
          || type == MilvusType.SPARSE_FLOAT_VECTOR
          || type == MilvusType.TIMESTAMPTZ) {
        problems.add(
            "field '"
                + field.name()
                + "' ("
                + field.typeName()
                + ") cannot be stored in NumPy files (format "
                + format
                + "): Milvus's numpy import has no dtype for it; use format parquet or json");
      }
    }
    for (ColumnBinding binding : layout.bindings()) {
      if (binding.dynamic() && "json-npy".equals(format)) {
        problems.add(
            "column '"
                + binding.column()
                + "' would go to the dynamic field, which the original column layout (format"
                + " json-npy) predates; use format npy, parquet or json");
        continue;
      }
      MilvusField field = binding.field();
      if (field != null
          && (field.nullable() || field.hasDefault())
          && frame.fields()[binding.ordinal()].nullable()) {
        problems.add(
            "column '"
                + binding.column()
                + "' may hold nulls for nullable field '"
                + field.name()
                + "', but NumPy files (format "
                + format
                + ") cannot hold null; use format parquet or json, or make the column"
                + " non-nullable (e.g. coalesce it with a value or filter the nulls out)");
      }
    }
    return problems;
  }

  private static List<String> constantProblems(String format, RowLayout layout) {
    List<String> problems = new ArrayList<>();
    if ("json".equals(format)) {
      return problems;
    }
    for (FieldConstant constant : layout.constants()) {
      if (constant.field().type() == MilvusType.ARRAY) {
        problems.add(
            "defaultValues for Array field '"
                + constant.field().name()
                + "' is supported with format json only");
      }
    }
    return problems;
  }
}
