package io.milvusimport.format;

import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;

/**
 * Reads one non-null value at {@code ordinal} into a slot, checking it as Milvus's import readers
 * would (range, length, dimension, finiteness).
 *
 * @throws ValueProblem when Milvus would reject the value
 */
@FunctionalInterface
interface ColumnValueReader {
  void read(SpecializedGetters data, int ordinal, ColumnSlot slot);
}
