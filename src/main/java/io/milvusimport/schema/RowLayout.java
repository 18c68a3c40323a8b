package io.milvusimport.schema;

import java.io.Serializable;
import java.util.List;

/**
 * How each DataFrame row becomes a Milvus row: the columns to write, by field, and the constants to
 * add. Built on the driver after the collection is described, and shipped to executors instead of
 * any client.
 */
public final class RowLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String collection;
  private final List<ColumnBinding> bindings;
  private final List<FieldConstant> constants;

  RowLayout(String collection, List<ColumnBinding> bindings, List<FieldConstant> constants) {
    this.collection = collection;
    this.bindings = List.copyOf(bindings);
    this.constants = List.copyOf(constants);
  }

  public String collection() {
    return collection;
  }

  /** Field columns first, in schema order, then dynamic-field keys and {@code $meta}. */
  public List<ColumnBinding> bindings() {
    return bindings;
  }

  /** Fields filled with a constant from option {@code defaultValues}. */
  public List<FieldConstant> constants() {
    return constants;
  }
}
