package io.milvusimport.schema;

/** Milvus field types, named exactly as the REST API's describe answer names them. */
public enum MilvusType {
  BOOL("Bool"),
  INT8("Int8"),
  INT16("Int16"),
  INT32("Int32"),
  INT64("Int64"),
  FLOAT("Float"),
  DOUBLE("Double"),
  VARCHAR("VarChar"),
  JSON("JSON"),
  ARRAY("Array"),
  FLOAT_VECTOR("FloatVector"),
  BINARY_VECTOR("BinaryVector"),
  FLOAT16_VECTOR("Float16Vector"),
  BFLOAT16_VECTOR("BFloat16Vector"),
  SPARSE_FLOAT_VECTOR("SparseFloatVector"),
  INT8_VECTOR("Int8Vector"),
  GEOMETRY("Geometry"),
  TIMESTAMPTZ("Timestamptz");

  private final String restName;

  MilvusType(String restName) {
    this.restName = restName;
  }

  /** The type for a REST type name, or null when this connector does not know it. */
  public static MilvusType fromRestName(String name) {
    for (MilvusType type : values()) {
      if (type.restName.equalsIgnoreCase(name)) {
        return type;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return restName;
  }
}
