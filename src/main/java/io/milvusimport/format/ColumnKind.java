package io.milvusimport.format;

/** How a column format stores one Milvus column, which decides the slot member that holds it. */
enum ColumnKind {
  BOOL,
  INT8,
  INT16,
  INT32,
  INT64,
  FLOAT,
  DOUBLE,
  /** UTF-8 text: VarChar, JSON text, {@code $meta}, WKT, RFC 3339 time, sparse vectors as JSON. */
  TEXT,
  /** {@code dim} float32 values. */
  FLOAT_VECTOR,
  /** A fixed number of bytes: binary, float16/bfloat16 (little-endian) and int8 vectors. */
  BYTE_VECTOR,
  /** A Milvus Array field; only Parquet can hold it. */
  ARRAY
}
