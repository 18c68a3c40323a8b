package io.milvusimport.schema;

import java.io.Serializable;
import org.apache.spark.sql.types.DataType;

/**
 * One DataFrame column bound to what it becomes in Milvus: a field, a key of the dynamic field, or
 * the explicit {@code $meta} object. Carries where to read the value and what it must satisfy.
 */
public final class ColumnBinding implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What the column becomes in Milvus. */
  public enum Role {
    FIELD,
    DYNAMIC_KEY,
    META
  }

  private final int ordinal;
  private final String column;
  private final DataType sparkType;
  private final Role role;
  private final MilvusField field;

  private ColumnBinding(
      int ordinal, String column, DataType sparkType, Role role, MilvusField field) {
    this.ordinal = ordinal;
    this.column = column;
    this.sparkType = sparkType;
    this.role = role;
    this.field = field;
  }

  static ColumnBinding field(int ordinal, String column, DataType type, MilvusField field) {
    return new ColumnBinding(ordinal, column, type, Role.FIELD, field);
  }

  static ColumnBinding dynamicKey(int ordinal, String column, DataType type) {
    return new ColumnBinding(ordinal, column, type, Role.DYNAMIC_KEY, null);
  }

  static ColumnBinding meta(int ordinal, DataType type) {
    return new ColumnBinding(ordinal, "$meta", type, Role.META, null);
  }

  /** Position of the column in the rows Spark hands the writer. */
  public int ordinal() {
    return ordinal;
  }

  /** The DataFrame column name. */
  public String column() {
    return column;
  }

  /** The key written to Milvus: the field name, the dynamic key, or {@code $meta}. */
  public String key() {
    return field == null ? column : field.name();
  }

  public DataType sparkType() {
    return sparkType;
  }

  public ValueKind kind() {
    return ValueKind.of(sparkType);
  }

  public Role role() {
    return role;
  }

  /** The Milvus field, or null for the dynamic field. */
  public MilvusField field() {
    return field;
  }

  public boolean dynamic() {
    return field == null;
  }
}
