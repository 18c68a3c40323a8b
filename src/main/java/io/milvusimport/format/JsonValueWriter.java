package io.milvusimport.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;

/**
 * Checks and writes one non-null value, read from a row or an array at {@code ordinal}, as the JSON
 * Milvus's import reader expects for its field (contract §5).
 *
 * @throws ValueProblem when Milvus would reject the value
 */
@FunctionalInterface
interface JsonValueWriter {
  void write(SpecializedGetters data, int ordinal, JsonGenerator gen) throws IOException;
}
