package io.milvusimport.schema;

import java.io.Serializable;

/**
 * A field the DataFrame lacks, filled in every row with the same value (option {@code
 * defaultValues}, the seed design's {@code default_fields}). The value is kept as JSON text,
 * checked against the field once on the driver.
 */
public final class FieldConstant implements Serializable {
  private static final long serialVersionUID = 1L;

  private final MilvusField field;
  private final String json;

  FieldConstant(MilvusField field, String json) {
    this.field = field;
    this.json = json;
  }

  public MilvusField field() {
    return field;
  }

  /** The value as JSON text, e.g. {@code 0}, {@code "unknown"}, {@code [0.0, 0.0]}. */
  public String json() {
    return json;
  }
}
