package io.milvusimport.spark;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.connect.MilvusConnection;
import io.milvusimport.milvus.MilvusCollections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.types.StructType;

/**
 * A catalog write that replaces a collection's rows ({@code INSERT OVERWRITE}, {@code
 * writeTo(...).overwrite(lit(true))/overwritePartitions()}, {@code REPLACE TABLE ... AS SELECT},
 * {@code createOrReplace()}) with the strategies of {@code df.write.mode("overwrite")}: an alias is
 * swapped, a plain collection recreated (or replaced with {@code overwriteStrategy=replace}). The
 * choice is made while Spark plans the write, from what the catalog described; every change to
 * Milvus happens in the write's commit, after every task has staged its files.
 */
final class CatalogOverwrite implements CommitSteps {
  private final MilvusCollections collections;
  private final OverwriteSteps steps;
  private final OverwriteSteps.Kind kind;
  private final String db;
  private final String name;
  private final String aliased;
  private final String fresh;

  private CatalogOverwrite(
      MilvusCollections collections,
      OverwriteSteps steps,
      OverwriteSteps.Kind kind,
      String db,
      String name,
      String aliased,
      String fresh) {
    this.collections = collections;
    this.steps = steps;
    this.kind = kind;
    this.db = db;
    this.name = name;
    this.aliased = aliased;
    this.fresh = fresh;
  }

  /**
   * The write replacing the rows of {@code options}' collection, which is an alias of {@code
   * aliased} (null: a plain collection whose aliases are {@code aliases}). Pure: no remote call.
   */
  static Write write(
      Map<String, String> options,
      StructType schema,
      String queryId,
      String aliased,
      List<String> aliases) {
    ImportOptions requested = ImportOptions.parse(options);
    Map<String, String> lower = new HashMap<>();
    options.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    SaveOptions save = SaveOptions.parse(lower);
    String db = requested.database();
    String name = requested.collection();
    if (requested.resumeWriteId() != null) {
      throw new InvalidOptionException(
          "Option 'resumeWriteId' finishes an earlier write into an existing collection: use it"
              + " with INSERT INTO / writeTo(...).append(), not with an overwrite of "
              + db
              + "."
              + name
              + ".");
    }
    MilvusConnection connection = requested.connection();
    MilvusCollections collections =
        new MilvusCollections(connection.client(), connection.retryPolicy());
    OverwriteSteps steps = new OverwriteSteps(collections, db, name, save.keepOldCollection());
    OverwriteSteps.Kind kind =
        steps.choose(save.overwriteStrategy(), requested.partition(), aliased, aliases);
    if (kind == OverwriteSteps.Kind.RECREATE) {
      CatalogOverwrite run = new CatalogOverwrite(collections, steps, kind, db, name, null, name);
      return new MilvusWrite(requested, schema, queryId, run);
    }
    String fresh = OverwriteSteps.newName(name);
    Map<String, String> into = new HashMap<>(options);
    into.keySet().removeIf(k -> k.equalsIgnoreCase(OptionKeys.COLLECTION));
    into.put(OptionKeys.COLLECTION, fresh);
    CatalogOverwrite run = new CatalogOverwrite(collections, steps, kind, db, name, aliased, fresh);
    return new MilvusWrite(ImportOptions.parse(into), schema, queryId, run);
  }

  @Override
  public String planCollection(String importCollection) {
    return name; // the new collection is a twin of it, and exists only from the commit on
  }

  @Override
  public void beforeImport() {
    switch (kind) {
      case SWAP:
        steps.createTwin(aliased, fresh);
        break;
      case REPLACE:
        steps.createTwin(name, fresh);
        break;
      default:
        steps.warnRecreate();
        steps.recreate(collections.likeRequest(db, name, name));
    }
  }

  @Override
  public void afterImport() {
    if (kind == OverwriteSteps.Kind.SWAP) {
      steps.moveAlias(aliased, fresh);
    } else if (kind == OverwriteSteps.Kind.REPLACE) {
      steps.replaceByAlias(fresh);
    }
  }

  @Override
  public RuntimeException importFailed(RuntimeException failure) {
    if (kind == OverwriteSteps.Kind.RECREATE) {
      return failure;
    }
    String why =
        kind == OverwriteSteps.Kind.SWAP
            ? "made for this overwrite; alias '" + name + "' was not moved"
            : "made for this overwrite; '" + name + "' is unchanged";
    return OverwriteSteps.droppedAfter(collections, db, fresh, why, failure);
  }
}
