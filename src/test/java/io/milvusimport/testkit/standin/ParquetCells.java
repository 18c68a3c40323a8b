package io.milvusimport.testkit.standin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads one cell of a Parquet record (parquet-hadoop's example {@link Group}) into a plain Java
 * tree, following the same list rules as {@link ArrowTypes}: {@code null} for an absent optional
 * value, {@link Long} for every integer ({@code INT(8,false)} as 0..255), {@link Float} / {@link
 * Double}, {@link Boolean}, {@code byte[]} for BINARY / FIXED_LEN_BYTE_ARRAY, {@link List} for a
 * LIST (elements may be null), {@link Map} for a struct.
 */
final class ParquetCells {
  private ParquetCells() {}

  /** Cell {@code index} of {@code g} (a top-level column). */
  static Object cell(Group g, int index) {
    Type t = g.getType().getType(index);
    int n = g.getFieldRepetitionCount(index);
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      List<Object> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(value(g, index, i, t));
      }
      return out;
    }
    return n == 0 ? null : value(g, index, 0, t);
  }

  private static Object value(Group g, int index, int i, Type t) {
    if (t.isPrimitive()) {
      return primitive(g, index, i, t.asPrimitiveType());
    }
    Group child = g.getGroup(index, i);
    GroupType gt = t.asGroupType();
    if (gt.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
        && gt.getFieldCount() == 1) {
      Type rep = gt.getType(0);
      int count = child.getFieldRepetitionCount(0);
      List<Object> out = new ArrayList<>(count);
      boolean threeLevel =
          !rep.isPrimitive()
              && rep.asGroupType().getFieldCount() == 1
              && !"array".equals(rep.getName())
              && !(gt.getName() + "_tuple").equals(rep.getName());
      for (int k = 0; k < count; k++) {
        if (threeLevel) {
          Group item = child.getGroup(0, k);
          out.add(cell(item, 0));
        } else {
          out.add(value(child, 0, k, rep));
        }
      }
      return out;
    }
    Map<String, Object> struct = new LinkedHashMap<>();
    for (int k = 0; k < gt.getFieldCount(); k++) {
      struct.put(gt.getFieldName(k), cell(child, k));
    }
    return struct;
  }

  private static Object primitive(Group g, int index, int i, PrimitiveType p) {
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return g.getBoolean(index, i);
      case INT32:
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        int v = g.getInteger(index, i);
        if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation
            && !((LogicalTypeAnnotation.IntLogicalTypeAnnotation) a).isSigned()) {
          return Integer.toUnsignedLong(v);
        }
        return (long) v;
      case INT64:
        return g.getLong(index, i);
      case FLOAT:
        return g.getFloat(index, i);
      case DOUBLE:
        return g.getDouble(index, i);
      default:
        return g.getBinary(index, i).getBytes();
    }
  }
}
