package io.milvusimport.spark;

import io.milvusimport.InvalidOptionException;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsTruncate;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;

/** Parses the options (pure, no remote calls) and hands them to the write. */
final class MilvusWriteBuilder implements WriteBuilder, SupportsTruncate {
  private final LogicalWriteInfo info;

  MilvusWriteBuilder(LogicalWriteInfo info) {
    this.info = info;
  }

  @Override
  public WriteBuilder truncate() {
    throw new InvalidOptionException(
        "Save mode 'overwrite' is not supported: milvus-import only adds rows to a collection."
            + " Use .mode(\"append\"), and drop or truncate the collection in Milvus first if you"
            + " want to replace its data.");
  }

  @Override
  public Write build() {
    return new MilvusWrite(
        ImportOptions.parse(info.options().asCaseSensitiveMap()), info.schema(), info.queryId());
  }
}
