package io.milvusimport.spark.catalog;

import org.apache.spark.sql.types.DataType;

/** One parameter of a catalog procedure: its name, Spark type and default (null: required). */
final class ProcedureParam {
  final String name;
  final DataType type;
  final String defaultSql;
  final String comment;

  private ProcedureParam(String name, DataType type, String defaultSql, String comment) {
    this.name = name;
    this.type = type;
    this.defaultSql = defaultSql;
    this.comment = comment;
  }

  static ProcedureParam required(String name, DataType type, String comment) {
    return new ProcedureParam(name, type, null, comment);
  }

  /**
   * An optional parameter; {@code defaultSql} is a SQL literal such as {@code NULL} or {@code ''}.
   */
  static ProcedureParam optional(String name, DataType type, String defaultSql, String comment) {
    return new ProcedureParam(name, type, defaultSql, comment);
  }

  boolean required() {
    return defaultSql == null;
  }
}
