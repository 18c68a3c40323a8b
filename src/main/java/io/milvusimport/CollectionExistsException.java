package io.milvusimport;

/**
 * The save mode is {@code errorifexists} (Spark's default) and the collection already exists: the
 * message says which mode adds to it or replaces it.
 */
public final class CollectionExistsException extends MilvusImportException {
  private static final long serialVersionUID = 1L;

  public CollectionExistsException(String message) {
    super(message);
  }
}
