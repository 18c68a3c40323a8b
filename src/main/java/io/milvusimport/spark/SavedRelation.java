package io.milvusimport.spark;

import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.types.StructType;

/**
 * What {@code createRelation} must return after a save: Spark only reads its schema (to refresh
 * cached plans); it is never scanned.
 */
final class SavedRelation extends BaseRelation {
  private final SQLContext sqlContext;
  private final StructType schema;

  SavedRelation(SQLContext sqlContext, StructType schema) {
    this.sqlContext = sqlContext;
    this.schema = schema;
  }

  @Override
  public SQLContext sqlContext() {
    return sqlContext;
  }

  @Override
  public StructType schema() {
    return schema;
  }
}
