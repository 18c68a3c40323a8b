package io.milvusimport.format;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * parquet-mr's choice of value encodings, except that FLOAT and INT32 columns without a dictionary
 * (the vector element columns) get {@link PlainFixedWidthWriter}: the same PLAIN bytes, written
 * faster. Every other column (dictionary with PLAIN fallback, booleans, binaries, 64-bit values)
 * keeps parquet-mr's own writer, so the files are what parquet-mr would write.
 */
final class ParquetValuesWriters implements ValuesWriterFactory {
  private final ValuesWriterFactory defaults = new DefaultValuesWriterFactory();
  private ParquetProperties properties;

  @Override
  public void initialize(ParquetProperties properties) {
    this.properties = properties;
    defaults.initialize(properties);
  }

  @Override
  public ValuesWriter newValuesWriter(ColumnDescriptor descriptor) {
    PrimitiveTypeName type = descriptor.getPrimitiveType().getPrimitiveTypeName();
    boolean fourBytes = type == PrimitiveTypeName.FLOAT || type == PrimitiveTypeName.INT32;
    if (fourBytes
        && !properties.isDictionaryEnabled(descriptor)
        && !properties.isByteStreamSplitEnabled()) {
      return new PlainFixedWidthWriter(properties.getInitialSlabSize());
    }
    return defaults.newValuesWriter(descriptor);
  }
}
