package io.milvusimport.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.testkit.MlVectorUdt;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class CollectionDesignTest {
  private static StructField column(String name, org.apache.spark.sql.types.DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }

  @Test
  void mapsSparkTypesBackToMilvusFieldsWithTheOptionsForWhatTypesCannotSay() {
    StructType schema =
        new StructType(
            new StructField[] {
              column("pk", DataTypes.StringType),
              column("emb", DataTypes.createArrayType(DataTypes.FloatType)),
              column("bits", DataTypes.BinaryType),
              column("sparse", DataTypes.createMapType(DataTypes.LongType, DataTypes.FloatType)),
              column("tags", DataTypes.createArrayType(DataTypes.StringType)),
              column(
                  "meta",
                  DataTypes.createStructType(
                      new StructField[] {column("a", DataTypes.IntegerType)})),
              column("geo", DataTypes.StringType),
              column("tenant", DataTypes.LongType),
              column("score", DataTypes.DoubleType),
              column("at", DataTypes.TimestampType),
              column("amount", DataTypes.createDecimalType(18, 0)),
              column("q8", DataTypes.createArrayType(DataTypes.ByteType))
            });
    Map<String, String> props =
        Map.ofEntries(
            Map.entry("PrimaryKey", "pk"),
            Map.entry("vectorDims", "emb:4,bits:16,q8:8"),
            Map.entry("maxLength", "pk:32,*:256"),
            Map.entry("maxCapacity", "tags:10"),
            Map.entry("fieldTypes", "geo:Geometry"),
            Map.entry("nullableFields", "score"),
            Map.entry("partitionKey", "tenant"),
            Map.entry("enableDynamicField", "true"),
            Map.entry("shardsNum", "2"),
            Map.entry("metricType", "emb:IP"),
            Map.entry("indexType", "bits:BIN_FLAT"));

    JsonNode body = CollectionDesign.fromSpark("docs", schema, props).createRequest("db1");

    assertThat(body.path("dbName").asText()).isEqualTo("db1");
    assertThat(body.path("collectionName").asText()).isEqualTo("docs");
    assertThat(body.path("params").path("shardsNum").asInt()).isEqualTo(2);
    JsonNode s = body.path("schema");
    assertThat(s.path("autoID").asBoolean()).isFalse();
    assertThat(s.path("enableDynamicField").asBoolean()).isTrue();
    assertThat(s.path("fields").toString())
        .contains(
            "{\"fieldName\":\"pk\",\"dataType\":\"VarChar\",\"isPrimary\":true,"
                + "\"elementTypeParams\":{\"max_length\":\"32\"}}",
            "{\"fieldName\":\"emb\",\"dataType\":\"FloatVector\",\"elementTypeParams\":{\"dim\":\"4\"}}",
            "{\"fieldName\":\"bits\",\"dataType\":\"BinaryVector\",\"elementTypeParams\":{\"dim\":\"16\"}}",
            "{\"fieldName\":\"sparse\",\"dataType\":\"SparseFloatVector\"}",
            "{\"fieldName\":\"tags\",\"dataType\":\"Array\",\"elementDataType\":\"VarChar\","
                + "\"elementTypeParams\":{\"max_length\":\"256\",\"max_capacity\":\"10\"}}",
            "{\"fieldName\":\"meta\",\"dataType\":\"JSON\"}",
            "{\"fieldName\":\"geo\",\"dataType\":\"Geometry\"}",
            "{\"fieldName\":\"tenant\",\"dataType\":\"Int64\",\"isPartitionKey\":true}",
            "{\"fieldName\":\"score\",\"dataType\":\"Double\",\"nullable\":true}",
            "{\"fieldName\":\"at\",\"dataType\":\"Timestamptz\"}",
            "{\"fieldName\":\"amount\",\"dataType\":\"Int64\"}",
            "{\"fieldName\":\"q8\",\"dataType\":\"Int8Vector\",\"elementTypeParams\":{\"dim\":\"8\"}}");
    assertThat(body.path("indexParams").toString())
        .contains(
            "{\"fieldName\":\"emb\",\"indexName\":\"emb\",\"metricType\":\"IP\",\"indexType\":\"AUTOINDEX\"}",
            "{\"fieldName\":\"bits\",\"indexName\":\"bits\",\"metricType\":\"HAMMING\",\"indexType\":\"BIN_FLAT\"}",
            "{\"fieldName\":\"sparse\",\"indexName\":\"sparse\",\"metricType\":\"IP\",\"indexType\":\"AUTOINDEX\"}",
            "\"fieldName\":\"q8\",\"indexName\":\"q8\",\"metricType\":\"COSINE\"");
  }

  @Test
  void takesTheDimensionOfASparkMlVectorFromItsSizeMetadata() {
    Metadata ml =
        new MetadataBuilder()
            .putMetadata("ml_attr", new MetadataBuilder().putLong("num_attrs", 12).build())
            .build();
    StructType schema =
        new StructType(
            new StructField[] {
              column("id", DataTypes.LongType),
              new StructField("features", new MlVectorUdt(), true, ml)
            });

    CollectionDesign design = CollectionDesign.fromSpark("c", schema, Map.of("primaryKey", "id"));

    assertThat(design.fields())
        .extracting(MilvusField::toString)
        .containsExactly("id Int64", "features FloatVector(dim 12)");
  }

  @Test
  void anAutoIdPrimaryKeyIsAddedAsInt64AndMustNotBeAColumn() {
    StructType schema =
        new StructType(
            new StructField[] {column("v", DataTypes.createArrayType(DataTypes.DoubleType))});

    JsonNode body =
        CollectionDesign.fromSpark(
                "c", schema, Map.of("primaryKey", "id", "autoId", "true", "vectorDims", "v:3"))
            .createRequest("default");

    assertThat(body.path("schema").path("autoID").asBoolean()).isTrue();
    assertThat(body.path("schema").path("fields").get(0).toString())
        .isEqualTo("{\"fieldName\":\"id\",\"dataType\":\"Int64\",\"isPrimary\":true}");
  }

  @Test
  void reportsEverythingMissingInOneMessage() {
    StructType schema =
        new StructType(
            new StructField[] {
              column("id", DataTypes.DoubleType),
              column("v", DataTypes.createArrayType(DataTypes.FloatType)),
              column("name", DataTypes.StringType),
              column("tags", DataTypes.createArrayType(DataTypes.IntegerType)),
              column("day", DataTypes.DateType)
            });

    assertThatThrownBy(
            () ->
                CollectionDesign.fromSpark(
                    "c",
                    schema,
                    Map.of(
                        "primaryKey", "id",
                        "nullableFields", "nope",
                        "shardsNum", "many",
                        "fieldTypes", "name:Text")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Cannot create collection 'c' from the DataFrame (7 problem(s)")
        .hasMessageContaining("option 'nullableFields' names 'nope', which is no column")
        .hasMessageContaining("primary key 'id' is Double: Milvus takes Int64 or VarChar keys")
        .hasMessageContaining(
            "vector column 'v' needs its dimension: option 'vectorDims' = 'v:<dim>'")
        .hasMessageContaining("the unknown Milvus type 'Text'")
        .hasMessageContaining("column 'tags' needs its Array max_capacity")
        .hasMessageContaining("column 'day' (date) has no Milvus type")
        .hasMessageContaining("option 'shardsNum' = 'many': expected a whole number from 1 to 64");
  }

  @Test
  void aTypeChosenWithFieldTypesMustTakeTheColumn() {
    StructType schema =
        new StructType(
            new StructField[] {
              column("id", DataTypes.LongType),
              column("v", DataTypes.createArrayType(DataTypes.FloatType)),
              column("n", DataTypes.IntegerType)
            });

    assertThatThrownBy(
            () ->
                CollectionDesign.fromSpark(
                    "c",
                    schema,
                    Map.of("primaryKey", "id", "vectorDims", "v:2", "fieldTypes", "n:Geometry")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("column 'n' (int) cannot be written to a Geometry field");
  }
}
