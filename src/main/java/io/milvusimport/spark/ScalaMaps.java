package io.milvusimport.spark;

import java.util.HashMap;
import java.util.Map;

/**
 * The one place the connector reads a Scala collection: {@code CreatableRelationProvider}'s options
 * and the session's settings come as {@code scala.collection.immutable.Map}, an interface of that
 * name on Scala 2.12 and 2.13 alike. It is read only through {@code iterator()}, {@code
 * Iterator.hasNext/next} and {@code Tuple2._1/_2}, members with the same descriptors on both lines,
 * so the one jar keeps running on every Spark (OneJarForEverySparkTest checks that no other Scala
 * type is named).
 */
final class ScalaMaps {
  private ScalaMaps() {}

  static Map<String, String> toJava(scala.collection.immutable.Map<String, String> map) {
    Map<String, String> out = new HashMap<>();
    scala.collection.Iterator<scala.Tuple2<String, String>> it = map.iterator();
    while (it.hasNext()) {
      scala.Tuple2<String, String> kv = it.next();
      out.put(kv._1(), kv._2());
    }
    return out;
  }
}
