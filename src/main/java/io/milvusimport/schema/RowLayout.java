package io.milvusimport.schema;

import java.io.Serializable;
import java.util.List;

/**
 * How each DataFrame row becomes a Milvus row: the columns to write, by field, in order. Built on
 * the driver after the collection is described, and shipped to executors instead of any client.
 */
public final class RowLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String collection;
  private final List<ColumnBinding> bindings;

  RowLayout(String collection, List<ColumnBinding> bindings) {
    this.collection = collection;
    this.bindings = List.copyOf(bindings);
  }

  public String collection() {
    return collection;
  }

  /** Field columns first, in schema order, then dynamic-field keys. */
  public List<ColumnBinding> bindings() {
    return bindings;
  }
}
