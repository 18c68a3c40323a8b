package io.milvusimport.format;

import io.milvusimport.schema.ColumnBinding;
import io.milvusimport.schema.FieldConstant;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.RowLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;

/**
 * Reads a DataFrame row into one checked slot per Milvus column, for the column formats. A row is
 * either read completely or rejected before any column file sees it, so a skipped row never leaves
 * columns of different lengths.
 *
 * <p>Columns: the bound fields in schema order, then {@code defaultValues} constants, then {@code
 * $meta} when the row has dynamic keys.
 */
final class ColumnRowReader {
  private final MilvusColumn[] columns;
  private final ColumnSlot[] slots;
  private final ColumnBinding[] bindings;
  private final ColumnValueReader[] readers;
  private final ColumnValueReader[] elementReaders;
  private final MetaTextReader meta;
  private final String nullProblem;
  private final RowRejections rejections;

  /**
   * @param nullProblem why the format cannot store null, or null when it can
   */
  ColumnRowReader(RowLayout layout, RowRejections rejections, String nullProblem) {
    this(layout, rejections, nullProblem, false);
  }

  /**
   * @param vectorViews true when the writer copies FloatVector bytes from a view ({@link
   *     ColumnSlot#vectorBase}) instead of reading {@link ColumnSlot#floats}
   */
  ColumnRowReader(
      RowLayout layout, RowRejections rejections, String nullProblem, boolean vectorViews) {
    List<MilvusColumn> columnList = new ArrayList<>();
    List<ColumnBinding> fieldBindings = new ArrayList<>();
    List<ColumnBinding> dynamic = new ArrayList<>();
    Set<String> topLevel = new HashSet<>();
    for (ColumnBinding binding : layout.bindings()) {
      if (binding.role() == ColumnBinding.Role.DYNAMIC_KEY) {
        topLevel.add(binding.key());
      }
      if (binding.dynamic()) {
        dynamic.add(binding);
      } else {
        columnList.add(MilvusColumn.of(binding.field()));
        fieldBindings.add(binding);
        topLevel.add(binding.key());
      }
    }
    int fieldCount = columnList.size();
    List<ColumnSlot> constantSlots = new ArrayList<>();
    for (FieldConstant constant : layout.constants()) {
      columnList.add(MilvusColumn.of(constant.field()));
      constantSlots.add(ColumnReaders.constant(constant));
      topLevel.add(constant.field().name());
    }
    this.meta = dynamic.isEmpty() ? null : new MetaTextReader(dynamic, topLevel);
    if (meta != null) {
      columnList.add(MilvusColumn.meta());
    }
    this.columns = columnList.toArray(new MilvusColumn[0]);
    this.slots = new ColumnSlot[columns.length];
    this.bindings = fieldBindings.toArray(new ColumnBinding[0]);
    this.readers = new ColumnValueReader[fieldCount];
    this.elementReaders = new ColumnValueReader[columns.length];
    for (int i = 0; i < fieldCount; i++) {
      slots[i] = new ColumnSlot();
      readers[i] = ColumnReaders.forBinding(bindings[i], vectorViews);
      if (columns[i].kind() == ColumnKind.ARRAY) {
        MilvusField field = bindings[i].field();
        DataType element = ((ArrayType) bindings[i].sparkType()).elementType();
        elementReaders[i] = ColumnReaders.forType(field, field.elementType(), element);
      }
    }
    for (int i = 0; i < constantSlots.size(); i++) {
      slots[fieldCount + i] = constantSlots.get(i);
    }
    if (meta != null) {
      slots[columns.length - 1] = new ColumnSlot();
    }
    this.nullProblem = nullProblem;
    this.rejections = rejections;
  }

  MilvusColumn[] columns() {
    return columns;
  }

  /** For Array columns, the reader of one (already checked) element; null for other columns. */
  ColumnValueReader elementReader(int column) {
    return elementReaders[column];
  }

  /** The current row's values, one per column, valid until the next {@link #read}. */
  ColumnSlot[] slots() {
    return slots;
  }

  /** Reads and checks a row; false when it was invalid and skipped. */
  boolean read(InternalRow row, long rowIndex) {
    int i = 0;
    try {
      for (; i < bindings.length; i++) {
        readField(row, i);
      }
      if (meta != null) {
        meta.read(row, slots[columns.length - 1]);
      }
      return true;
    } catch (ValueProblem problem) {
      rejections.reject(i < bindings.length ? bindings[i] : meta.current(), problem, rowIndex);
      return false;
    }
  }

  private void readField(InternalRow row, int i) {
    ColumnBinding binding = bindings[i];
    ColumnSlot slot = slots[i];
    if (row.isNullAt(binding.ordinal())) {
      if (!binding.field().nullable() && !binding.field().hasDefault()) {
        throw RowRejections.nullInRequiredField();
      }
      if (nullProblem != null) {
        throw new ValueProblem("null value", nullProblem, null);
      }
      slot.isNull = true;
      return;
    }
    slot.isNull = false;
    readers[i].read(row, binding.ordinal(), slot);
  }

  SkippedRows skipped() {
    return rejections.skipped();
  }
}
