package io.milvusimport.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.ImportFailedException;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.milvus.MilvusCollections;
import io.milvusimport.spark.SaveOptions.OverwriteStrategy;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger LOG = LoggerFactory.getLogger(OverwriteRun.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);

  private final SaveModeWrite write;
  private final MilvusCollections collections;
  private final String db;
  private final String name;
  private final SaveOptions save;

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
  }

  void run(String partition) {
    if (partition != null) {
      throw refused(
          "option 'partition' is set, but an overwrite replaces the whole collection; leave it"
              + " out, or append into the partition");
    }
    OverwriteStrategy strategy = save.overwriteStrategy();
    String aliased = collections.aliasTarget(db, name);
    if (aliased != null) {
      if (strategy != OverwriteStrategy.AUTO && strategy != OverwriteStrategy.SWAP) {
        throw refused(
            "'"
                + name
                + "' is an alias of collection '"
                + aliased
                + "': overwrite it with overwriteStrategy=swap (the default), which imports into"
                + " a new collection and then moves the alias, atomically for readers");
      }
      swap(aliased);
    } else if (strategy == OverwriteStrategy.SWAP) {
      throw refused(
          "'"
              + name
              + "' is a collection, not an alias: overwriteStrategy=swap needs an alias. Use"
              + " overwriteStrategy=replace (turns the name into an alias of a new collection) or"
              + " recreate (drop and recreate at commit)");
    } else {
      List<String> aliases = collections.aliasesOf(db, name);
      if (!aliases.isEmpty()) {
        throw refused(
            "collection '"
                + name
                + "' has aliases "
                + aliases
                + ", and Milvus drops no collection that has aliases: overwrite it through an"
                + " alias (overwriteStrategy=swap), e.g. .option(\"collection\", \""
                + aliases.get(0)
                + "\")");
      }
      if (strategy == OverwriteStrategy.REPLACE) {
        replace();
      } else {
        recreate();
      }
    }
  }

  private InvalidOptionException refused(String why) {
    return new InvalidOptionException(
        "Cannot overwrite " + db + "." + name + ": " + why + " (docs/save-modes.md).");
  }

  private void swap(String old) {
    String fresh = newName(name);
    collections.create(collections.likeRequest(db, old, fresh));
    LOG.info("Overwrite of alias {}.{}: importing into new collection {}", db, name, fresh);
    write.importIntoNew(
        collections, db, fresh, "made for this overwrite; alias '" + name + "' was not moved");
    try {
      collections.alterAlias(db, name, fresh);
    } catch (RuntimeException e) {
      throw new ImportFailedException(
          "Overwrite of alias '"
              + name
              + "': every row is imported into the new collection '"
              + fresh
              + "', but moving the alias failed ("
              + e.getMessage()
              + "). Unless a lost answer did move it, '"
              + name
              + "' still shows '"
              + old
              + "': check /aliases/describe, then point it with /aliases/alter at '"
              + fresh
              + "' and drop '"
              + old
              + "'. Do not re-run the write to finish it.",
          e);
    }
    LOG.info("Alias {}.{} now points at {} (was {})", db, name, fresh, old);
    retire(old, "alias '" + name + "' points at the new collection '" + fresh + "'");
  }

  private void replace() {
    String fresh = newName(name);
    collections.create(collections.likeRequest(db, name, fresh));
    LOG.info("Overwrite of collection {}.{}: importing into new collection {}", db, name, fresh);
    write.importIntoNew(
        collections, db, fresh, "made for this overwrite; '" + name + "' is unchanged");
    try {
      if (save.keepOldCollection()) {
        String backup = newName(name + "_old");
        collections.rename(db, name, backup);
        LOG.info("Kept the replaced collection {}.{} as {}", db, name, backup);
      } else {
        collections.drop(db, name);
      }
      collections.createAlias(db, name, fresh);
    } catch (RuntimeException e) {
      throw new ImportFailedException(
          "Overwrite of collection '"
              + name
              + "': every row is imported into the new collection '"
              + fresh
              + "', but replacing '"
              + name
              + "' by an alias of it failed ("
              + e.getMessage()
              + "): finish with /collections/drop (or rename) of '"
              + name
              + "' and /aliases/create of '"
              + name
              + "' for '"
              + fresh
              + "'. Do not re-run the write to finish it.",
          e);
    }
    LOG.info("{}.{} is now an alias of {}", db, name, fresh);
  }

  private void recreate() {
    // Described now (read-only); dropped and created in the commit, after every task has staged.
    ObjectNode request = collections.likeRequest(db, name, name);
    boolean keep = save.keepOldCollection();
    String backup = keep ? newName(name + "_old") : null;
    LOG.warn(
        "Overwrite of collection {}.{} recreates it in the commit: readers see it empty until"
            + " the import ends (an alias target is replaced atomically instead)",
        db,
        name);
    write.append(
        name,
        () -> {
          if (keep) {
            collections.rename(db, name, backup);
            LOG.info("Kept the replaced collection {}.{} as {}", db, name, backup);
          } else {
            collections.drop(db, name);
          }
          collections.create(request);
          LOG.info("Recreated collection {}.{} empty; importing", db, name);
        });
  }

  private void retire(String old, String state) {
    if (save.keepOldCollection()) {
      LOG.info("Kept the replaced collection {}.{} (keepOldCollection=true)", db, old);
      return;
    }
    try {
      collections.drop(db, old);
      LOG.info("Dropped the replaced collection {}.{}", db, old);
    } catch (RuntimeException e) {
      throw new ImportFailedException(
          "Overwrite done: "
              + state
              + ", but dropping the replaced collection '"
              + old
              + "' failed ("
              + e.getMessage()
              + "): drop it yourself. Do not re-run the write.",
          e);
    }
  }

  /** {@code base_yyyyMMdd_HHmmss_xxxxxx}: a valid Milvus name (letters, digits, '_'). */
  static String newName(String base) {
    String suffix =
        "_"
            + LocalDateTime.now().format(STAMP)
            + "_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
    String head =
        base.length() + suffix.length() > 255 ? base.substring(0, 255 - suffix.length()) : base;
    return head + suffix;
  }
}
