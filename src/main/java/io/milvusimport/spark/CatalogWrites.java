package io.milvusimport.spark;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.connect.MilvusConnection;
import io.milvusimport.milvus.MilvusCollections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.types.StructType;

/**
 * The writer as the SQL catalog ({@code spark.catalog.MilvusCatalog}) uses it: a catalog table's
 * write is the very {@code df.write} one (same option parsing, staging, commit, manifests and
 * clean-up), given options built from the catalog's settings and the table's identifier.
 */
public final class CatalogWrites {
  private CatalogWrites() {}

  /**
   * Refuses catalog settings no write takes, naming each as {@code spark.sql.catalog.<catalog>.
   * <key>}; {@code fs.*} Hadoop settings are accepted as in {@code df.write}.
   *
   * @throws InvalidOptionException naming the settings and what is accepted
   */
  public static void checkKeys(String catalog, Set<String> keys, Set<String> refused) {
    Set<String> known = new TreeSet<>();
    OptionKeys.KEYS.forEach(k -> known.add(k.toLowerCase(Locale.ROOT)));
    refused.forEach(k -> known.remove(k.toLowerCase(Locale.ROOT)));
    Set<String> unknown = new TreeSet<>();
    for (String key : keys) {
      String k = key.toLowerCase(Locale.ROOT);
      if (!k.startsWith("fs.") && !known.contains(k)) {
        unknown.add("spark.sql.catalog." + catalog + "." + key);
      }
    }
    if (!unknown.isEmpty()) {
      Set<String> accepted = new TreeSet<>(OptionKeys.KEYS);
      accepted.removeAll(refused);
      throw new InvalidOptionException(
          "Unknown or misplaced catalog setting(s) "
              + unknown
              + ". A Milvus catalog takes the write options "
              + accepted
              + " and Hadoop settings starting with 'fs.' (see docs/catalog.md); "
              + refused
              + " come from the table's name.");
    }
  }

  /**
   * The write of {@code df.write} for {@code options} (the catalog's settings, the table's database
   * and collection, the statement's own options on top).
   */
  public static Write write(Map<String, String> options, StructType schema, String queryId) {
    return new MilvusWrite(ImportOptions.parse(options), schema, queryId, CommitSteps.NONE);
  }

  /**
   * The write into a collection this statement created (CTAS, {@code writeTo(...).create()}): a
   * failed import drops it again and says so, so that no half-created collection remains and no
   * resume is offered for a collection that is gone.
   */
  public static Write writeIntoCreated(
      Map<String, String> options, StructType schema, String queryId) {
    ImportOptions parsed = ImportOptions.parse(options);
    CommitSteps steps =
        new CommitSteps() {
          @Override
          public void beforeImport() {}

          @Override
          public RuntimeException importFailed(RuntimeException failure) {
            MilvusConnection connection = parsed.connection();
            return OverwriteSteps.droppedAfter(
                new MilvusCollections(connection.client(), connection.retryPolicy()),
                parsed.database(),
                parsed.collection(),
                "the statement created it",
                failure);
          }
        };
    return new MilvusWrite(parsed, schema, queryId, steps);
  }

  /**
   * The write replacing the rows of {@code options}' collection (INSERT OVERWRITE, REPLACE TABLE
   * ... AS SELECT): {@code aliased} is the collection the table's name is an alias of (null for a
   * plain collection, whose aliases are {@code aliases}). Strategies as in docs/save-modes.md.
   */
  public static Write overwrite(
      Map<String, String> options,
      StructType schema,
      String queryId,
      String aliased,
      List<String> aliases) {
    return CatalogOverwrite.write(options, schema, queryId, aliased, aliases);
  }
}
