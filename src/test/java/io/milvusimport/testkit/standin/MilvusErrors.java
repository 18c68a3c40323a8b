package io.milvusimport.testkit.standin;

/**
 * Milvus's error codes and message shapes ({@code pkg/util/merr}, {@code errors.go}). A wrapped
 * merr error prints as {@code "<detail>: <base text>"}; field-wrapped ones as {@code "<base
 * text>[key=value]"}. Texts checked against milvus-io/milvus sources (2.4-2.6 and master).
 */
final class MilvusErrors {
  static final int SUCCESS = 0;
  static final int COLLECTION_NOT_FOUND = 100;
  static final int PARTITION_NOT_FOUND = 200;
  static final int PARAMETER_INVALID = 1100;
  static final int NEED_AUTHENTICATE = 1800;
  static final int INCORRECT_PARAMETER_FORMAT = 1801;
  static final int MISSING_REQUIRED_PARAMETERS = 1802;
  static final int IMPORT_FAILED = 2100;
  static final int IMPORT_SYS_FAILED = 2101;
  static final int SNAPSHOT_NOT_FOUND = 2600;
  static final int SNAPSHOT_PINNED = 2601;
  static final int DATABASE_NOT_FOUND = 800;
  static final int UNEXPECTED = 65535;
  static final int ALIAS_NOT_FOUND = 1600;
  static final int INDEX_NOT_FOUND = 700;
  static final int ALIAS_COLLECTION_NAME_CONFLICT = 1601;
  static final int ALIAS_ALREADY_EXIST = 1602;

  private MilvusErrors() {}

  /** {@code merr.WrapErrImportFailed(msg)}: code 2100, "msg: importing data failed". */
  static String importFailedText(String msg) {
    return msg + ": importing data failed";
  }

  static ApiException importFailed(String msg) {
    return new ApiException(IMPORT_FAILED, importFailedText(msg));
  }

  /** {@code merr.WrapErrImportSysFailed} (master; 2.4/2.5 used 2100 for the same texts). */
  static ApiException importSysFailed(String msg) {
    return new ApiException(IMPORT_SYS_FAILED, msg + ": importing data failed on server side");
  }

  /** {@code merr.WrapErrParameterInvalidMsg(msg)}: code 1100. */
  static ApiException parameterInvalid(String msg) {
    return new ApiException(PARAMETER_INVALID, msg + ": invalid parameter");
  }

  /**
   * {@code merr.WrapErrCollectionNotFoundWithDB}: "collection not found[database=d][collection=c]".
   */
  static ApiException collectionNotFound(String db, String collection) {
    return new ApiException(
        COLLECTION_NOT_FOUND,
        "collection not found[database=" + db + "][collection=" + collection + "]");
  }

  /** {@code merr.WrapErrPartitionNotFound}: "partition not found[partition=p]". */
  static ApiException partitionNotFound(String partition) {
    return new ApiException(
        PARTITION_NOT_FOUND, "partition not found[partition=" + partition + "]");
  }

  /** REST v2 binding failure for a missing {@code binding:"required"} field. */
  static ApiException missingParameter(String struct, String field) {
    return new ApiException(
        MISSING_REQUIRED_PARAMETERS,
        "missing required parameters, error: Key: '"
            + struct
            + "."
            + field
            + "' Error:Field validation for '"
            + field
            + "' failed on the 'required' tag");
  }

  /** REST v2 body that does not decode into the request struct. */
  static ApiException incorrectFormat(String detail) {
    return new ApiException(
        INCORRECT_PARAMETER_FORMAT, "incorrect parameter format, error: " + detail);
  }

  /** {@code merr.WrapErrSnapshotNotFound}: "snapshot not found[snapshot=s]" (2600). */
  static ApiException snapshotNotFound(String snapshot) {
    return new ApiException(SNAPSHOT_NOT_FOUND, "snapshot not found[snapshot=" + snapshot + "]");
  }

  /** {@code merr.WrapErrSnapshotPinned} from the snapshot manager's drop (2601). */
  static ApiException snapshotPinned(String snapshot, int pins) {
    return new ApiException(
        SNAPSHOT_PINNED,
        pins
            + " active pins, unpin before dropping: snapshot is pinned[snapshot="
            + snapshot
            + "]");
  }

  /** The restore-job describe of an id the data coordinator does not (or no longer) know. */
  static ApiException restoreJobNotFound(String jobId) {
    return new ApiException(IMPORT_SYS_FAILED, "restore job not found: jobID=" + jobId);
  }

  /** {@code merr.WrapErrAliasNotFound(db, alias)} (1600). */
  static ApiException aliasNotFound(String db, String alias) {
    return new ApiException(
        ALIAS_NOT_FOUND, "alias not found[database=" + db + "][alias=" + alias + "]");
  }

  /** {@code merr.WrapErrAliasCollectionNameConflict(db, alias)} (1601). */
  static ApiException aliasCollectionNameConflict(String db, String alias) {
    return new ApiException(
        ALIAS_COLLECTION_NAME_CONFLICT,
        "alias and collection name conflict[database=" + db + "][alias=" + alias + "]");
  }

  /** {@code merr.WrapErrAliasAlreadyExist(db, alias)} (1602). */
  static ApiException aliasExists(String db, String alias) {
    return new ApiException(
        ALIAS_ALREADY_EXIST, "alias already exist[database=" + db + "][alias=" + alias + "]");
  }

  /** {@code merr.WrapErrDatabaseNotFound(db)}: "database not found[database=d]" (800). */
  static ApiException databaseNotFound(String db) {
    return new ApiException(DATABASE_NOT_FOUND, "database not found[database=" + db + "]");
  }

  /** A plain Go error ({@code fmt.Errorf}) as the proxy returns it: code 65535, the text as is. */
  static ApiException unexpected(String message) {
    return new ApiException(UNEXPECTED, message);
  }

  /** {@code merr.WrapErrIndexNotFound(indexName)} (700). */
  static ApiException indexNotFound(String indexName) {
    return new ApiException(INDEX_NOT_FOUND, "index not found[indexName=" + indexName + "]");
  }

  static ApiException notAuthenticated() {
    return new ApiException(401, NEED_AUTHENTICATE, "user hasn't authenticated");
  }
}
