package io.milvusimport.bench;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's two data shapes, each with the Milvus collection it loads into. Vectors are
 * full-precision floats (a hash scaled to [-1, 1)), as real embeddings are: short decimals would
 * flatter the text formats' float formatting.
 */
final class Workload {
  /** W1: Int64 id, 768-d float vector, 64-character VarChar (a SHA-256 in hex). */
  static final Workload W1 =
      new Workload(
          "W1",
          "id + 768-d float vector + 64-char VarChar",
          768,
          "embedding",
          new String[] {
            "id", vector(768) + " as embedding", "sha2(cast(id as string), 256) as text",
          },
          "{\"fieldName\":\"id\",\"dataType\":\"Int64\",\"isPrimary\":true},"
              + vectorField("embedding", 768)
              + ","
              + "{\"fieldName\":\"text\",\"dataType\":\"VarChar\","
              + "\"elementTypeParams\":{\"max_length\":\"64\"}}");

  /** W2: ten scalar columns, one JSON document and a 128-d float vector. */
  static final Workload W2 =
      new Workload(
          "W2",
          "10 scalars + JSON + 128-d float vector",
          128,
          "vec",
          new String[] {
            "id",
            "id % 2 = 0 as flag",
            "cast(id % 100 as byte) as tiny",
            "cast(id % 30000 as short) as small",
            "hash(id, 1) as count",
            "cast(hash(id, 2) as long) * 1000003 as big",
            "cast(hash(id, 3) / 2147483648.0 as float) as ratio",
            "cast(hash(id, 4) / 2147483648.0 as double) as score",
            "concat('title ', id, ' ', substr(sha2(cast(id as string), 256), 1, 24)) as title",
            "element_at(array('news', 'sports', 'tech', 'science', 'arts'),"
                + " cast(pmod(hash(id, 5), 5) + 1 as int)) as category",
            "to_json(named_struct('source', 'crawler', 'rank', id % 1000, 'tags', array('a',"
                + " concat('t', id % 17)), 'weight', cast(hash(id, 6) / 2147483648.0 as float)))"
                + " as meta",
            vector(128) + " as vec",
          },
          "{\"fieldName\":\"id\",\"dataType\":\"Int64\",\"isPrimary\":true},"
              + scalar("flag", "Bool")
              + scalar("tiny", "Int8")
              + scalar("small", "Int16")
              + scalar("count", "Int32")
              + scalar("big", "Int64")
              + scalar("ratio", "Float")
              + scalar("score", "Double")
              + "{\"fieldName\":\"title\",\"dataType\":\"VarChar\","
              + "\"elementTypeParams\":{\"max_length\":\"128\"}},"
              + "{\"fieldName\":\"category\",\"dataType\":\"VarChar\","
              + "\"elementTypeParams\":{\"max_length\":\"16\"}},"
              + scalar("meta", "JSON")
              + vectorField("vec", 128));

  final String name;
  final String description;
  final int dim;
  final String vectorColumn;
  private final String[] columns;
  private final String fieldsJson;

  private Workload(
      String name,
      String description,
      int dim,
      String vectorColumn,
      String[] columns,
      String fieldsJson) {
    this.name = name;
    this.description = description;
    this.dim = dim;
    this.vectorColumn = vectorColumn;
    this.columns = columns;
    this.fieldsJson = fieldsJson;
  }

  static Workload named(String name) {
    switch (name.toUpperCase(java.util.Locale.ROOT)) {
      case "W1":
        return W1;
      case "W2":
        return W2;
      default:
        throw new IllegalArgumentException("unknown workload " + name + " (W1 or W2)");
    }
  }

  /** The generated rows; the caller caches them. */
  Dataset<Row> frame(SparkSession spark, long rows, int partitions) {
    return spark.range(0, rows, 1, partitions).selectExpr(columns);
  }

  /** The create-collection body for a collection named {@code collection}. */
  String collectionBody(String collection) {
    return "{\"collectionName\":\""
        + collection
        + "\",\"schema\":{\"autoID\":false,\"enableDynamicField\":false,\"fields\":["
        + fieldsJson
        + "]}}";
  }

  private static String vector(int dim) {
    return "transform(sequence(1, " + dim + "), i -> cast(hash(id, i) / 2147483648.0 as float))";
  }

  private static String vectorField(String name, int dim) {
    return "{\"fieldName\":\""
        + name
        + "\",\"dataType\":\"FloatVector\",\"elementTypeParams\":{\"dim\":\""
        + dim
        + "\"}}";
  }

  private static String scalar(String name, String type) {
    return "{\"fieldName\":\"" + name + "\",\"dataType\":\"" + type + "\"},";
  }
}
