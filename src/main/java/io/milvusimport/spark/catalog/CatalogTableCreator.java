package io.milvusimport.spark.catalog;

import io.milvusimport.MilvusImportException;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * The one place where the catalog creates or replaces collections: {@code CREATE TABLE}, CTAS,
 * {@code writeTo(...).create()/createOrReplace()} and {@code INSERT OVERWRITE}. It is wired to the
 * collection-creation API of the save modes (a collection designed from the Spark schema and the
 * table properties); until then every call refuses with {@link #notYetAvailable}.
 */
interface CatalogTableCreator {
  /**
   * Creates collection {@code ident} for {@code schema}; {@code properties} say what a type cannot
   * (primary key, vector dimension, ...). Called by Spark on the driver when the statement runs.
   */
  void create(String database, String collection, StructType schema, Map<String, String> props);

  /**
   * Marks the write being planned as one that replaces the collection's rows ({@code INSERT
   * OVERWRITE}, {@code overwrite()}); readers must never see it empty or half-written. Called while
   * Spark plans the write, so it must not change Milvus: the replacement belongs to the commit.
   */
  void overwrite(String database, String collection);

  /** The creator of this build: every call refuses, naming the statement and the way round it. */
  CatalogTableCreator NOT_YET_AVAILABLE =
      new CatalogTableCreator() {
        @Override
        public void create(
            String database, String collection, StructType schema, Map<String, String> props) {
          throw notYetAvailable(
              "Creating collection '"
                  + database
                  + "."
                  + collection
                  + "' (CREATE TABLE, CTAS, writeTo(...).create()/createOrReplace())",
              "create the collection in Milvus first, then INSERT INTO it or"
                  + " writeTo(...).append()");
        }

        @Override
        public void overwrite(String database, String collection) {
          throw notYetAvailable(
              "Replacing the rows of '"
                  + database
                  + "."
                  + collection
                  + "' (INSERT OVERWRITE, overwrite(), createOrReplace())",
              "INSERT INTO / writeTo(...).append() add rows; drop or truncate the collection in"
                  + " Milvus first to replace them");
        }
      };

  /** The refusal of a statement this build cannot run yet; nothing has been changed in Milvus. */
  static MilvusImportException notYetAvailable(String what, String instead) {
    return new MilvusImportException(
        what
            + " is not yet available in the milvus-import catalog; nothing was changed in Milvus."
            + " Instead: "
            + instead
            + ".");
  }
}
