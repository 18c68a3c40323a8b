package io.milvusimport.cli;

import io.milvusimport.MilvusImportException;

/** A command line the tool cannot run as given: exit code 2, with the command's usage hint. */
final class UsageException extends MilvusImportException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
