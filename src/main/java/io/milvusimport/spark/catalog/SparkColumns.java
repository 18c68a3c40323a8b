package io.milvusimport.spark.catalog;

import io.milvusimport.schema.CollectionSchema;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.MilvusType;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A collection's columns as Spark sees a catalog table: docs/types.md read backwards, one Spark
 * type per field (the first the writer accepts), so {@code INSERT INTO} casts values to what the
 * field takes. Fields an import must not carry (an autoID primary key, function outputs) are left
 * out; a field Milvus may fill (nullable or with a default) is a nullable column. Elements may be
 * null as far as Spark knows: the writer refuses a null element naming the row. Each column's
 * comment says the Milvus field it writes, with the limits a type cannot show.
 */
final class SparkColumns {
  private SparkColumns() {}

  static StructType of(CollectionSchema collection) {
    List<StructField> columns = new ArrayList<>();
    for (MilvusField field : collection.fields()) {
      if (field.mustBeAbsent()) {
        continue;
      }
      columns.add(
          DataTypes.createStructField(
                  field.name(), type(field.type(), field), field.nullable() || field.hasDefault())
              .withComment(comment(field)));
    }
    return DataTypes.createStructType(columns);
  }

  private static DataType type(MilvusType type, MilvusField field) {
    if (type == null) {
      return DataTypes.StringType; // a type this connector does not know; the write names it
    }
    switch (type) {
      case BOOL:
        return DataTypes.BooleanType;
      case INT8:
        return DataTypes.ByteType;
      case INT16:
        return DataTypes.ShortType;
      case INT32:
        return DataTypes.IntegerType;
      case INT64:
        return DataTypes.LongType;
      case FLOAT:
        return DataTypes.FloatType;
      case DOUBLE:
        return DataTypes.DoubleType;
      case ARRAY:
        return DataTypes.createArrayType(type(field.elementType(), field), true);
      case FLOAT_VECTOR:
      case FLOAT16_VECTOR:
      case BFLOAT16_VECTOR:
        return DataTypes.createArrayType(DataTypes.FloatType, true);
      case BINARY_VECTOR:
        return DataTypes.BinaryType;
      case INT8_VECTOR:
        return DataTypes.createArrayType(DataTypes.ByteType, true);
      case SPARSE_FLOAT_VECTOR:
        return DataTypes.createMapType(DataTypes.LongType, DataTypes.FloatType, true);
      case TIMESTAMPTZ:
        return DataTypes.TimestampType;
      case VARCHAR:
      case JSON:
      case GEOMETRY:
      default:
        return DataTypes.StringType;
    }
  }

  private static String comment(MilvusField field) {
    StringBuilder text = new StringBuilder("Milvus ").append(field.typeName());
    if (field.type() == MilvusType.ARRAY && field.elementType() != null) {
      text.append("<").append(field.elementType()).append(">");
    }
    List<String> details = new ArrayList<>();
    if (field.dim() > 0) {
      details.add("dim " + field.dim());
    }
    if (field.maxLength() > 0) {
      details.add("max_length " + field.maxLength() + " bytes");
    }
    if (field.maxCapacity() > 0) {
      details.add("max_capacity " + field.maxCapacity());
    }
    if (field.primaryKey()) {
      details.add("primary key");
    }
    if (field.partitionKey()) {
      details.add("partition key");
    }
    if (field.hasDefault()) {
      details.add("has a default");
    }
    if (field.type() == null) {
      details.add("not supported by milvus-import");
    }
    return details.isEmpty() ? text.toString() : text + " (" + String.join(", ", details) + ")";
  }
}
