package io.milvusimport.format;

import io.milvusimport.schema.MilvusType;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.catalyst.util.ArrayData;

/**
 * Hands one checked row (its column slots) to Parquet's record consumer. A null slot writes
 * nothing, which OPTIONAL columns read as null.
 */
final class SlotWriteSupport extends WriteSupport<ColumnSlot[]> {
  private final MessageType schema;
  private final MilvusColumn[] columns;
  private final ColumnRowReader reader;
  private final ColumnSlot element = new ColumnSlot();
  private RecordConsumer consumer;

  SlotWriteSupport(MessageType schema, ColumnRowReader reader) {
    this.schema = schema;
    this.columns = reader.columns();
    this.reader = reader;
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(schema, Map.of());
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(ColumnSlot[] slots) {
    consumer.startMessage();
    for (int i = 0; i < columns.length; i++) {
      ColumnSlot slot = slots[i];
      if (slot.isNull) {
        continue;
      }
      String name = columns[i].name();
      consumer.startField(name, i);
      writeValue(i, slot);
      consumer.endField(name, i);
    }
    consumer.endMessage();
  }

  private void writeValue(int column, ColumnSlot slot) {
    MilvusColumn meta = columns[column];
    switch (meta.kind()) {
      case FLOAT_VECTOR:
        startList();
        float[] values = slot.floats;
        for (int j = 0; j < meta.width(); j++) {
          startElement();
          consumer.addFloat(values[j]);
          endElement();
        }
        endList();
        break;
      case BYTE_VECTOR:
        if (meta.type() == MilvusType.INT8_VECTOR) {
          startList();
          for (int j = 0; j < slot.length; j++) {
            startElement();
            consumer.addInteger(slot.bytes[j]);
            endElement();
          }
          endList();
        } else {
          consumer.addBinary(Binary.fromReusedByteArray(slot.bytes, 0, slot.length));
        }
        break;
      case ARRAY:
        writeArray(column, slot.array, MilvusColumn.kindOf(meta.field().elementType()));
        break;
      default:
        writeScalar(meta.kind(), slot);
        break;
    }
  }

  private void writeArray(int column, ArrayData array, ColumnKind kind) {
    ColumnValueReader elements = reader.elementReader(column);
    consumer.startGroup();
    if (array.numElements() > 0) {
      consumer.startField(ParquetSchemas.LIST, 0);
      for (int j = 0; j < array.numElements(); j++) {
        elements.read(array, j, element);
        startElement();
        writeScalar(kind, element);
        endElement();
      }
      consumer.endField(ParquetSchemas.LIST, 0);
    }
    consumer.endGroup();
  }

  private void writeScalar(ColumnKind kind, ColumnSlot slot) {
    switch (kind) {
      case BOOL:
        consumer.addBoolean(slot.bool);
        break;
      case INT8:
      case INT16:
      case INT32:
        consumer.addInteger((int) slot.integer);
        break;
      case INT64:
        consumer.addLong(slot.integer);
        break;
      case FLOAT:
        consumer.addFloat((float) slot.real);
        break;
      case DOUBLE:
        consumer.addDouble(slot.real);
        break;
      default:
        consumer.addBinary(Binary.fromReusedByteArray(slot.bytes, 0, slot.length));
        break;
    }
  }

  private void startList() {
    consumer.startGroup();
    consumer.startField(ParquetSchemas.LIST, 0);
  }

  private void endList() {
    consumer.endField(ParquetSchemas.LIST, 0);
    consumer.endGroup();
  }

  private void startElement() {
    consumer.startGroup();
    consumer.startField(ParquetSchemas.ELEMENT, 0);
  }

  private void endElement() {
    consumer.endField(ParquetSchemas.ELEMENT, 0);
    consumer.endGroup();
  }
}
