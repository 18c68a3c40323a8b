package io.milvusimport.spark;

import io.milvusimport.format.HalfFloats;
import org.junit.jupiter.api.Tag;

/** Every Milvus type through {@code df.write()} with {@code format=parquet}. */
@Tag("e2e")
class ParquetTypesWriteTest extends MilvusTypesWriteTest {
  @Override
  String format() {
    return "parquet";
  }

  @Override
  float storedBFloat16(float value) {
    return HalfFloats.fromBFloat16(HalfFloats.toBFloat16(value));
  }
}
