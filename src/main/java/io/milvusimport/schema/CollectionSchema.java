package io.milvusimport.schema;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** A collection's fields and the collection-wide switches an import depends on. */
public final class CollectionSchema implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String database;
  private final String name;
  private final List<MilvusField> fields;
  private final boolean dynamicField;

  public CollectionSchema(String database, String name, List<MilvusField> fields, boolean dynamic) {
    this.database = database;
    this.name = name;
    this.fields = List.copyOf(fields);
    this.dynamicField = dynamic;
  }

  public String database() {
    return database;
  }

  public String name() {
    return name;
  }

  public List<MilvusField> fields() {
    return fields;
  }

  /** True when keys that are not fields are kept in the hidden {@code $meta} JSON field. */
  public boolean dynamicField() {
    return dynamicField;
  }

  public Optional<MilvusField> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  public boolean hasPartitionKey() {
    return fields.stream().anyMatch(MilvusField::partitionKey);
  }
}
