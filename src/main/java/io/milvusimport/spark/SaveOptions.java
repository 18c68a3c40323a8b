package io.milvusimport.spark;

import io.milvusimport.connect.OptionValues;
import java.util.Locale;
import java.util.Map;

/** The save-mode options: whether append creates, and how overwrite replaces (typed, immutable). */
final class SaveOptions {
  /** How {@code mode("overwrite")} replaces an existing collection (docs/save-modes.md). */
  enum OverwriteStrategy {
    /** An alias: swap; a plain collection: recreate. */
    AUTO,
    /** Import into a new collection, then point the alias at it ({@code aliases/alter}). */
    SWAP,
    /** Import into a new collection, then drop the old one and give its name as an alias. */
    REPLACE,
    /** Drop and recreate the collection in the write's commit, then import. */
    RECREATE
  }

  private final boolean createCollection;
  private final OverwriteStrategy overwriteStrategy;
  private final boolean keepOldCollection;

  private SaveOptions(Map<String, String> lowerCaseOptions) {
    OptionValues values = new OptionValues(lowerCaseOptions);
    this.createCollection = values.bool(OptionKeys.CREATE_COLLECTION, false);
    this.keepOldCollection = values.bool(OptionKeys.KEEP_OLD_COLLECTION, false);
    String strategy = values.text(OptionKeys.OVERWRITE_STRATEGY, "auto");
    try {
      this.overwriteStrategy = OverwriteStrategy.valueOf(strategy.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw OptionValues.invalid(
          OptionKeys.OVERWRITE_STRATEGY, strategy, "auto, swap, replace or recreate");
    }
  }

  /** {@code options} with lower-case keys. */
  static SaveOptions parse(Map<String, String> options) {
    return new SaveOptions(options);
  }

  boolean createCollection() {
    return createCollection;
  }

  OverwriteStrategy overwriteStrategy() {
    return overwriteStrategy;
  }

  boolean keepOldCollection() {
    return keepOldCollection;
  }
}
