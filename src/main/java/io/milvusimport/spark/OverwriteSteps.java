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
 * The choice and the Milvus calls of an overwrite of {@code db.name}, shared by {@code
 * df.write.mode("overwrite")} ({@link OverwriteRun}) and the catalog's {@code INSERT OVERWRITE} /
 * {@code REPLACE TABLE} ({@link CatalogOverwrite}), so both refuse, swap, replace and recreate with
 * the same rules and messages (docs/save-modes.md).
 */
final class OverwriteSteps {
  private static final Logger LOG = LoggerFactory.getLogger(OverwriteSteps.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);

  /** What an overwrite does, once chosen. */
  enum Kind {
    SWAP,
    REPLACE,
    RECREATE
  }

  private final MilvusCollections collections;
  private final String db;
  private final String name;
  private final boolean keepOld;

  OverwriteSteps(MilvusCollections collections, String db, String name, boolean keepOld) {
    this.collections = collections;
    this.db = db;
    this.name = name;
    this.keepOld = keepOld;
  }

  /**
   * The strategy's kind for {@code name}, which is an alias of {@code aliased} (null: a plain
   * collection with {@code aliases}); refuses what cannot work before anything is changed.
   */
  Kind choose(OverwriteStrategy strategy, String partition, String aliased, List<String> aliases) {
    if (partition != null) {
      throw refused(
          "option 'partition' is set, but an overwrite replaces the whole collection; leave it"
              + " out, or append into the partition");
    }
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
      return Kind.SWAP;
    }
    if (strategy == OverwriteStrategy.SWAP) {
      throw refused(
          "'"
              + name
              + "' is a collection, not an alias: overwriteStrategy=swap needs an alias. Use"
              + " overwriteStrategy=replace (turns the name into an alias of a new collection) or"
              + " recreate (drop and recreate at commit)");
    }
    if (!aliases.isEmpty()) {
      throw refused(
          "collection '"
              + name
              + "' has aliases "
              + aliases
              + ", and Milvus drops no collection that has aliases: overwrite it through an"
              + " alias (overwriteStrategy=swap), e.g. the alias '"
              + aliases.get(0)
              + "'");
    }
    return strategy == OverwriteStrategy.REPLACE ? Kind.REPLACE : Kind.RECREATE;
  }

  private InvalidOptionException refused(String why) {
    return new InvalidOptionException(
        "Cannot overwrite " + db + "." + name + ": " + why + " (docs/save-modes.md).");
  }

  /** Creates {@code fresh} as an empty twin of {@code source} (schema, indexes, ...). */
  void createTwin(String source, String fresh) {
    collections.create(collections.likeRequest(db, source, fresh));
    LOG.info("Overwrite of {}.{}: importing into new collection {}", db, name, fresh);
  }

  /** After the import into {@code fresh}: the alias {@code name} moves to it, {@code old} goes. */
  void moveAlias(String old, String fresh) {
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

  /** After the import into {@code fresh}: the collection {@code name} goes, its name an alias. */
  void replaceByAlias(String fresh) {
    try {
      dropOrKeep();
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

  /**
   * The recreate step of the commit: the collection {@code name} is dropped (or renamed) and
   * created again from {@code request} (its {@code likeRequest}, described earlier), empty.
   */
  void recreate(ObjectNode request) {
    dropOrKeep();
    collections.create(request);
    LOG.info("Recreated collection {}.{} empty; importing", db, name);
  }

  /** The collection {@code name} is dropped, or renamed {@code <name>_old_<stamp>} to keep it. */
  private void dropOrKeep() {
    if (keepOld) {
      String backup = newName(name + "_old");
      collections.rename(db, name, backup);
      LOG.info("Kept the replaced collection {}.{} as {}", db, name, backup);
    } else {
      collections.drop(db, name);
    }
  }

  /** Logs what a recreate costs readers. */
  void warnRecreate() {
    LOG.warn(
        "Overwrite of collection {}.{} recreates it in the commit: readers see it empty until"
            + " the import ends (an alias target is replaced atomically instead)",
        db,
        name);
  }

  private void retire(String old, String state) {
    if (keepOld) {
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

  /**
   * The failure of the import into {@code collection}, which this write created and nobody else
   * knows of: it is dropped, so nothing of the write remains and the same write can run again.
   */
  static ImportFailedException droppedAfter(
      MilvusCollections collections, String db, String collection, String why, RuntimeException e) {
    String dropped;
    try {
      collections.drop(db, collection);
      dropped =
          "collection '"
              + collection
              + "' ("
              + why
              + ") was dropped again, so nothing of this write remains: fix the cause and run"
              + " the same write again (a resumeWriteId mentioned below does not apply).";
    } catch (RuntimeException dropFailure) {
      e.addSuppressed(dropFailure);
      dropped =
          "collection '"
              + collection
              + "' ("
              + why
              + ") could NOT be dropped ("
              + dropFailure.getMessage()
              + "): drop it yourself before running the write again.";
    }
    return new ImportFailedException(
        "The import into "
            + db
            + "."
            + collection
            + " failed; "
            + dropped
            + " Cause: "
            + e.getMessage(),
        e);
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
