package io.milvusimport.format;

import io.milvusimport.schema.MilvusType;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.catalyst.util.ArrayData;

/**
 * Writes one checked row (its column slots) into the Parquet column writers of {@link
 * ParquetSchemas}' schema, one leaf column per Milvus column, with the repetition and definition
 * levels spelled out here instead of derived per value by parquet-mr's record consumer.
 *
 * <p>Levels: a plain column is {@code optional} (definition 1 when set, 0 when null). A list column
 * is {@code optional group (LIST) { repeated group list { optional element } }}: definition 0 for a
 * null list, 1 for an empty one, 3 for an element; repetition 0 for a row's first value and 1 for
 * the following elements of the same list. Elements are never null (the readers reject them).
 */
final class ParquetSlotWriter {
  private static final int NULL = 0;
  private static final int VALUE = 1;
  private static final int EMPTY_LIST = 1;
  private static final int ELEMENT = 3;
  private static final int FIRST = 0;
  private static final int NEXT = 1;

  private final MilvusColumn[] columns;
  private final ColumnRowReader reader;
  private final ColumnWriter[] writers;
  private final ColumnSlot element = new ColumnSlot();

  /**
   * @param writers the file's column writers, one per column of {@code reader}; the array may be
   *     refilled between rows (a new row group)
   */
  ParquetSlotWriter(ColumnRowReader reader, ColumnWriter[] writers) {
    this.columns = reader.columns();
    this.reader = reader;
    this.writers = writers;
  }

  void write(ColumnSlot[] slots) {
    for (int i = 0; i < columns.length; i++) {
      ColumnSlot slot = slots[i];
      ColumnWriter writer = writers[i];
      if (slot.isNull) {
        writer.writeNull(FIRST, NULL);
      } else {
        writeValue(i, writer, slot);
      }
    }
  }

  private void writeValue(int column, ColumnWriter writer, ColumnSlot slot) {
    MilvusColumn meta = columns[column];
    switch (meta.kind()) {
      case FLOAT_VECTOR:
        floats(writer, slot.floats, meta.width());
        break;
      case BYTE_VECTOR:
        if (meta.type() == MilvusType.INT8_VECTOR) {
          bytesAsInts(writer, slot.bytes, slot.length);
        } else {
          writer.write(Binary.fromReusedByteArray(slot.bytes, 0, slot.length), FIRST, VALUE);
        }
        break;
      case ARRAY:
        array(column, writer, slot.array, MilvusColumn.kindOf(meta.field().elementType()));
        break;
      default:
        scalar(writer, meta.kind(), slot, FIRST, VALUE);
        break;
    }
  }

  private static void floats(ColumnWriter writer, float[] values, int n) {
    if (n == 0) {
      writer.writeNull(FIRST, EMPTY_LIST);
      return;
    }
    writer.write(values[0], FIRST, ELEMENT);
    for (int j = 1; j < n; j++) {
      writer.write(values[j], NEXT, ELEMENT);
    }
  }

  private static void bytesAsInts(ColumnWriter writer, byte[] values, int n) {
    if (n == 0) {
      writer.writeNull(FIRST, EMPTY_LIST);
      return;
    }
    writer.write((int) values[0], FIRST, ELEMENT);
    for (int j = 1; j < n; j++) {
      writer.write((int) values[j], NEXT, ELEMENT);
    }
  }

  private void array(int column, ColumnWriter writer, ArrayData array, ColumnKind kind) {
    int n = array.numElements();
    if (n == 0) {
      writer.writeNull(FIRST, EMPTY_LIST);
      return;
    }
    ColumnValueReader elements = reader.elementReader(column);
    for (int j = 0; j < n; j++) {
      elements.read(array, j, element);
      scalar(writer, kind, element, j == 0 ? FIRST : NEXT, ELEMENT);
    }
  }

  private static void scalar(
      ColumnWriter writer, ColumnKind kind, ColumnSlot slot, int repetition, int definition) {
    switch (kind) {
      case BOOL:
        writer.write(slot.bool, repetition, definition);
        break;
      case INT8:
      case INT16:
      case INT32:
        writer.write((int) slot.integer, repetition, definition);
        break;
      case INT64:
        writer.write(slot.integer, repetition, definition);
        break;
      case FLOAT:
        writer.write((float) slot.real, repetition, definition);
        break;
      case DOUBLE:
        writer.write(slot.real, repetition, definition);
        break;
      default:
        writer.write(
            Binary.fromReusedByteArray(slot.bytes, 0, slot.length), repetition, definition);
        break;
    }
  }
}
