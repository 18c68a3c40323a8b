package io.milvusimport.schema;

import java.io.Serializable;

/**
 * One DataFrame column bound to its Milvus field (or, for the dynamic field, to a {@code $meta}
 * key): where to read the value and what it must satisfy.
 */
public final class ColumnBinding implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int ordinal;
  private final String column;
  private final ValueKind kind;
  private final MilvusField field;

  ColumnBinding(int ordinal, String column, ValueKind kind, MilvusField field) {
    this.ordinal = ordinal;
    this.column = column;
    this.kind = kind;
    this.field = field;
  }

  /** Position of the column in the rows Spark hands the writer. */
  public int ordinal() {
    return ordinal;
  }

  /** The DataFrame column name. */
  public String column() {
    return column;
  }

  /** The key written to Milvus: the field name, or the dynamic key. */
  public String key() {
    return field == null ? column : field.name();
  }

  public ValueKind kind() {
    return kind;
  }

  /** The Milvus field, or null for a dynamic-field key. */
  public MilvusField field() {
    return field;
  }

  public boolean dynamic() {
    return field == null;
  }
}
