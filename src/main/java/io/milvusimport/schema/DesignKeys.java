package io.milvusimport.schema;

import java.util.Set;

/**
 * Names of the settings that describe a collection to create from a DataFrame: write options of
 * {@code df.write} and table properties of the Milvus catalog use the same names, so a collection
 * is designed the same way from either side.
 */
public final class DesignKeys {
  /** The primary-key column (required). */
  public static final String PRIMARY_KEY = "primaryKey";

  /** {@code true}: Milvus generates the primary key, so the DataFrame must not hold it. */
  public static final String AUTO_ID = "autoId";

  /** {@code column:dim,...} for vector columns whose size the type does not carry. */
  public static final String VECTOR_DIMS = "vectorDims";

  /** {@code column:n,...} (or {@code *:n} for every other) VarChar {@code max_length}. */
  public static final String MAX_LENGTH = "maxLength";

  /** {@code column:n,...} (or {@code *:n}) Array {@code max_capacity}. */
  public static final String MAX_CAPACITY = "maxCapacity";

  /** {@code column,...}: fields declared nullable in Milvus. */
  public static final String NULLABLE_FIELDS = "nullableFields";

  /** The partition-key column. */
  public static final String PARTITION_KEY = "partitionKey";

  /** {@code true}: the collection gets a dynamic field ({@code $meta}). */
  public static final String ENABLE_DYNAMIC_FIELD = "enableDynamicField";

  /** Number of shards (Milvus's default when absent). */
  public static final String SHARDS_NUM = "shardsNum";

  /** {@code METRIC} for every vector field, or {@code column:METRIC,...}. */
  public static final String METRIC_TYPE = "metricType";

  /** {@code TYPE} (default AUTOINDEX) for every vector field, or {@code column:TYPE,...}. */
  public static final String INDEX_TYPE = "indexType";

  /** {@code column:MilvusType,...}: a type other than the column's default (JSON, Geometry...). */
  public static final String FIELD_TYPES = "fieldTypes";

  /** Every key. */
  public static final Set<String> KEYS =
      Set.of(
          PRIMARY_KEY,
          AUTO_ID,
          VECTOR_DIMS,
          MAX_LENGTH,
          MAX_CAPACITY,
          NULLABLE_FIELDS,
          PARTITION_KEY,
          ENABLE_DYNAMIC_FIELD,
          SHARDS_NUM,
          METRIC_TYPE,
          INDEX_TYPE,
          FIELD_TYPES);

  private DesignKeys() {}
}
