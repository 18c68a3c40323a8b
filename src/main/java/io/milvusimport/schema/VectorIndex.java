package io.milvusimport.schema;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The index of one vector field: AUTOINDEX unless {@code indexType} says otherwise; the metric from
 * {@code metricType}, else COSINE for dense float vectors, IP for sparse and HAMMING for binary
 * (the metrics each index family accepts).
 */
final class VectorIndex {
  private final String field;
  private final String indexType;
  private final String metricType;

  private VectorIndex(String field, String indexType, String metricType) {
    this.field = field;
    this.indexType = indexType;
    this.metricType = metricType;
  }

  static VectorIndex of(MilvusField field, DesignSettings settings) {
    String metric;
    if (field.type() == MilvusType.SPARSE_FLOAT_VECTOR) {
      metric = "IP";
    } else if (field.type() == MilvusType.BINARY_VECTOR) {
      metric = "HAMMING";
    } else {
      metric = "COSINE";
    }
    return new VectorIndex(
        field.name(),
        settings.perColumn(DesignKeys.INDEX_TYPE, field.name(), "AUTOINDEX"),
        settings.perColumn(DesignKeys.METRIC_TYPE, field.name(), metric));
  }

  /** An entry of {@code indexParams} in {@code /collections/create}. */
  ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("fieldName", field);
    o.put("indexName", field);
    o.put("metricType", metricType);
    o.put("indexType", indexType);
    return o;
  }
}
