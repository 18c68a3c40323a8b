package io.milvusimport.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.milvus.MilvusCollections;

/**
 * {@code mode("overwrite")} of an existing collection or alias, by {@code overwriteStrategy}:
 *
 * <ul>
 *   <li>swap (an alias; {@code auto}'s choice for one): import into a new collection with the same
 *       schema and indexes, {@code aliases/alter} (atomic for readers), drop the old collection;
 *   <li>replace (a plain collection, explicit): the same import, then the old collection is dropped
 *       (or renamed) and its name becomes an alias of the new one: readers meet "not found" between
 *       the drop and the alias create, once;
 *   <li>recreate (a plain collection; {@code auto}'s choice for one): the collection is dropped (or
 *       renamed) and created again, empty, in the write's commit once every task has staged its
 *       files, then imported: readers see it empty until the import ends.
 * </ul>
 */
final class OverwriteRun {
  private final SaveModeWrite write;
  private final MilvusCollections collections;
  private final String db;
  private final String name;
  private final SaveOptions save;
  private final OverwriteSteps steps;

  OverwriteRun(
      SaveModeWrite write,
      MilvusCollections collections,
      String db,
      String name,
      SaveOptions save) {
    this.write = write;
    this.collections = collections;
    this.db = db;
    this.name = name;
    this.save = save;
    this.steps = new OverwriteSteps(collections, db, name, save.keepOldCollection());
  }

  void run(String partition) {
    String aliased = collections.aliasTarget(db, name);
    OverwriteSteps.Kind kind =
        steps.choose(
            save.overwriteStrategy(),
            partition,
            aliased,
            aliased == null ? collections.aliasesOf(db, name) : java.util.List.of());
    switch (kind) {
      case SWAP:
        swap(aliased);
        break;
      case REPLACE:
        replace();
        break;
      default:
        recreate();
    }
  }

  private void swap(String old) {
    String fresh = OverwriteSteps.newName(name);
    steps.createTwin(old, fresh);
    write.importIntoNew(
        collections, db, fresh, "made for this overwrite; alias '" + name + "' was not moved");
    steps.moveAlias(old, fresh);
  }

  private void replace() {
    String fresh = OverwriteSteps.newName(name);
    steps.createTwin(name, fresh);
    write.importIntoNew(
        collections, db, fresh, "made for this overwrite; '" + name + "' is unchanged");
    steps.replaceByAlias(fresh);
  }

  private void recreate() {
    // Described now (read-only); dropped and created in the commit, after every task has staged.
    ObjectNode request = collections.likeRequest(db, name, name);
    steps.warnRecreate();
    write.append(name, () -> steps.recreate(request));
  }
}
