package io.milvusimport.testkit.standin;

import static io.milvusimport.testkit.standin.JsonRowReader.failed;

import io.milvusimport.testkit.standin.ArrowTypes.AField;
import io.milvusimport.testkit.standin.ArrowTypes.AType;
import io.milvusimport.testkit.standin.JsonRowReader.ImportFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a Parquet file's columns to the collection like Milvus's {@code
 * importutilv2/parquet/util.go} ({@code CreateFieldReaders}, {@code isSchemaEqual}, {@code
 * isArrowDataTypeConvertible}, 2.5/2.6): columns by exact name; a field without a column fails with
 * "field 'F' not in arrow schema" unless autoID / function output / dynamic / nullable / default;
 * each column's Arrow type must convert to the field's ({@code convertToArrowDataType}): ints widen
 * (int8 -> int16/32/64/float, int64 -> int64/float), floats to floats, utf8 only to utf8 (VarChar,
 * JSON, $meta, SparseFloatVector, Timestamptz, Geometry), binary to list&lt;uint8&gt; vectors, list
 * element-wise, a struct only as a sparse vector {indices, values}; large_list, large_utf8 and
 * fixed_size_list (before 2.6.17) fail the type check. Both errors are wrapped again as "schema not
 * equal, err=...". A column named after no field fails on 2.4/2.5 ("the field: %s is not in schema,
 * if it's a dynamic field, please reformat data by bulk_writer") and is ignored on 2.6+.
 */
final class ParquetSchemaCheck {
  private static final Set<String> INTS = Set.of("int8", "int16", "int32", "int64");
  private static final Set<String> FLOATS = Set.of("float32", "float64");

  private ParquetSchemaCheck() {}

  /** Column name -> field, in file order; throws the job's failure. */
  static Map<String, FieldSpec> match(
      CollectionSpec c, Map<String, AType> columns, Set<String> required, boolean ignoreExtra) {
    for (FieldSpec f : c.fields) {
      if ((f.primaryKey && f.autoId) || f.functionOutput) {
        continue;
      }
      AType t = columns.get(f.name);
      if (t == null) {
        if (f.nullable || f.hasDefault()) {
          continue;
        }
        throw schemaNotEqual("field '" + f.name + "' not in arrow schema");
      }
      AType expected = expected(f);
      if (!convertible(t, expected, f)) {
        throw schemaNotEqual(
            "field '"
                + f.name
                + "' type mis-match, expect arrow type '"
                + expected
                + "', get arrow data type '"
                + t
                + "'");
      }
    }
    Map<String, FieldSpec> out = new LinkedHashMap<>();
    for (Map.Entry<String, AType> col : columns.entrySet()) {
      String name = col.getKey();
      FieldSpec f =
          RowParser.META.equals(name) && c.enableDynamicField
              ? ColumnRows.metaField()
              : c.field(name);
      if (f == null) {
        if (ignoreExtra) {
          continue;
        }
        throw failed(
            "the field: "
                + name
                + " is not in schema, if it's a dynamic field, please reformat data by bulk_writer");
      }
      if (f.primaryKey && f.autoId) {
        throw failed("the primary key '" + f.name + "' is auto-generated, no need to provide");
      }
      if (f.functionOutput) {
        throw failed("the field '" + f.name + "' is output by function, no need to provide");
      }
      if (RowParser.META.equals(f.name)) {
        if (!convertible(col.getValue(), ArrowTypes.of("utf8"), f)) {
          throw schemaNotEqual(
              "field '$meta' type mis-match, expect arrow type 'utf8', get arrow data type '"
                  + col.getValue()
                  + "'");
        }
      }
      if (required.contains(name)) {
        throw new ImportFailure(
            "[milvus stand-in guard, not Milvus] the Parquet column '"
                + name
                + "' is REQUIRED: Milvus servers up to 2.5.4 crash reading a REQUIRED column"
                + " (later ones read it); write every column OPTIONAL");
      }
      out.put(name, f);
    }
    return out;
  }

  private static ImportFailure schemaNotEqual(String msg) {
    return failed("schema not equal, err=" + MilvusErrors.importFailedText(msg));
  }

  /** {@code convertToArrowDataType}. */
  static AType expected(FieldSpec f) {
    switch (f.type) {
      case "Array":
        return ArrowTypes.listOf("item", scalar(f.elementType), true);
      case "BinaryVector":
      case "Float16Vector":
      case "BFloat16Vector":
        return ArrowTypes.listOf("item", ArrowTypes.of("uint8"), true);
      case "FloatVector":
        return ArrowTypes.listOf("item", ArrowTypes.of("float32"), true);
      case "Int8Vector":
        return ArrowTypes.listOf("item", ArrowTypes.of("int8"), true);
      default:
        return scalar(f.type);
    }
  }

  private static AType scalar(String type) {
    switch (type) {
      case "Bool":
        return ArrowTypes.of("bool");
      case "Int8":
      case "Int16":
      case "Int32":
      case "Int64":
        return ArrowTypes.of("int" + type.substring(3));
      case "Float":
        return ArrowTypes.of("float32");
      case "Double":
        return ArrowTypes.of("float64");
      default: // VarChar, JSON, SparseFloatVector, Timestamptz, Geometry
        return ArrowTypes.of("utf8");
    }
  }

  /** {@code isArrowDataTypeConvertible(src, dst, field)}. */
  static boolean convertible(AType src, AType dst, FieldSpec f) {
    String s = src.id;
    String d = dst.id;
    boolean arithmetic = INTS.contains(d) || FLOATS.contains(d);
    switch (s) {
      case "bool":
      case "uint8":
      case "utf8":
        return s.equals(d);
      case "int8":
        return arithmetic;
      case "int16":
        return arithmetic && !"int8".equals(d);
      case "int32":
        return arithmetic && !"int8".equals(d) && !"int16".equals(d);
      case "int64":
        return FLOATS.contains(d) || "int64".equals(d);
      case "float32":
      case "float64":
        return FLOATS.contains(d);
      case "binary":
        return dst.isList() && "uint8".equals(dst.elem().id);
      case "list":
        return dst.isList() && convertible(src.elem(), dst.elem(), f);
      case "null":
        return f.nullable || f.hasDefault();
      case "struct":
        return "SparseFloatVector".equals(f.type) && isSparseStruct(src);
      default: // large_list, large_utf8, fixed_size_list, uint16..., timestamps
        return false;
    }
  }

  /** {@code IsValidSparseVectorSchema}: struct{indices: list<int32|uint32|int64|uint64>, ...}. */
  static boolean isSparseStruct(AType t) {
    AType indices = null;
    AType values = null;
    List<AField> kids = t.children;
    for (AField k : kids) {
      if ("indices".equals(k.name)) {
        indices = k.type;
      } else if ("values".equals(k.name)) {
        values = k.type;
      }
    }
    return indices != null
        && values != null
        && indices.isList()
        && values.isList()
        && Set.of("int32", "uint32", "int64", "uint64").contains(indices.elem().id)
        && FLOATS.contains(values.elem().id);
  }
}
