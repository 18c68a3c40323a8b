package io.milvusimport.spark;

import io.milvusimport.connect.OptionValues;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The staged file formats, named as the {@code format} option spells them. {@link #AUTO} (the
 * default) is resolved to a concrete format when the write is planned ({@code
 * format.FormatChoice}); nothing past planning sees it.
 */
public enum StagingFormat {
  /** The default: npy when the collection and DataFrame fit it, else parquet, else json. */
  AUTO("auto", null),
  /** Row-based JSON, {@code {"rows": [...]}}: readable by every Milvus since 2.2. */
  JSON("json", ".json"),
  /** Column-based NumPy: one {@code <field>.npy} per field in a group directory (2.2+). */
  NPY("npy", ".npy"),
  /** Parquet with the Arrow types Milvus's reader expects (2.3+). */
  PARQUET("parquet", ".parquet"),
  /** The seed design's scalar columns in column JSON plus vectors in NumPy (2.0/2.1 only). */
  JSON_NPY("json-npy", ".json");

  private final String optionValue;
  private final String extension;

  StagingFormat(String optionValue, String extension) {
    this.optionValue = optionValue;
    this.extension = extension;
  }

  /** The file extension Milvus's import chooses its reader by. */
  public String extension() {
    if (this == AUTO) {
      throw new IllegalStateException("format auto has no extension before it is resolved");
    }
    return extension;
  }

  static StagingFormat parse(String value) {
    for (StagingFormat format : values()) {
      if (format.optionValue.equals(value.toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw OptionValues.invalid(
        OptionKeys.FORMAT,
        value,
        "one of "
            + Arrays.stream(values()).map(f -> f.optionValue).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return optionValue;
  }
}
