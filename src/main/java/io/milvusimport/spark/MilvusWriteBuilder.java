package io.milvusimport.spark;

import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;

/** Parses the options (pure, no remote calls) and hands them to the write. */
final class MilvusWriteBuilder implements WriteBuilder {
  private final LogicalWriteInfo info;

  MilvusWriteBuilder(LogicalWriteInfo info) {
    this.info = info;
  }

  @Override
  public Write build() {
    return new MilvusWrite(
        ImportOptions.parse(info.options().asCaseSensitiveMap()),
        info.schema(),
        info.queryId(),
        NestedWrites.steps(info.options().asCaseSensitiveMap()));
  }
}
