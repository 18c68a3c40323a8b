package io.milvusimport.schema;

import java.io.Serializable;

/**
 * One field of a collection as Milvus describes it: what a staged value must look like for it.
 * Small and serializable because executors encode and check rows against it.
 */
public final class MilvusField implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String typeName;
  private final MilvusType type;
  private final boolean primaryKey;
  private final boolean autoId;
  private final boolean partitionKey;
  private final boolean nullable;
  private final boolean hasDefault;
  private final boolean functionOutput;
  private final int dim;
  private final int maxLength;
  private final int maxCapacity;
  private final MilvusType elementType;

  private MilvusField(Builder b) {
    this.name = b.name;
    this.typeName = b.typeName;
    this.type = MilvusType.fromRestName(b.typeName);
    this.primaryKey = b.primaryKey;
    this.autoId = b.autoId;
    this.partitionKey = b.partitionKey;
    this.nullable = b.nullable;
    this.hasDefault = b.hasDefault;
    this.functionOutput = b.functionOutput;
    this.dim = b.dim;
    this.maxLength = b.maxLength;
    this.maxCapacity = b.maxCapacity;
    this.elementType =
        b.elementTypeName == null ? null : MilvusType.fromRestName(b.elementTypeName);
  }

  public static Builder builder(String name, String typeName) {
    return new Builder(name, typeName);
  }

  public String name() {
    return name;
  }

  /** The type as Milvus named it, also when this connector does not know it. */
  public String typeName() {
    return typeName;
  }

  /** The type, or null when this connector does not know it. */
  public MilvusType type() {
    return type;
  }

  public boolean primaryKey() {
    return primaryKey;
  }

  public boolean autoId() {
    return autoId;
  }

  public boolean partitionKey() {
    return partitionKey;
  }

  public boolean nullable() {
    return nullable;
  }

  public boolean hasDefault() {
    return hasDefault;
  }

  /** Filled by a server-side function (e.g. BM25), so an import must not carry it. */
  public boolean functionOutput() {
    return functionOutput;
  }

  /** The vector dimension, or 0 for non-vector fields. */
  public int dim() {
    return dim;
  }

  /** VarChar's limit in UTF-8 bytes, or 0 when not set. */
  public int maxLength() {
    return maxLength;
  }

  /** Array's element limit, or 0 when not set. */
  public int maxCapacity() {
    return maxCapacity;
  }

  public MilvusType elementType() {
    return elementType;
  }

  /** True when an import may leave the field out: Milvus fills it or stores null. */
  public boolean mayBeAbsent() {
    return (primaryKey && autoId) || functionOutput || nullable || hasDefault;
  }

  /** True when the import must not carry a value for the field. */
  public boolean mustBeAbsent() {
    return (primaryKey && autoId) || functionOutput;
  }

  @Override
  public String toString() {
    return name + " " + typeName + (dim > 0 ? "(dim " + dim + ")" : "");
  }

  /** Builder, used when reading Milvus's describe answer. */
  public static final class Builder {
    private final String name;
    private final String typeName;
    private boolean primaryKey;
    private boolean autoId;
    private boolean partitionKey;
    private boolean nullable;
    private boolean hasDefault;
    private boolean functionOutput;
    private int dim;
    private int maxLength;
    private int maxCapacity;
    private String elementTypeName;

    private Builder(String name, String typeName) {
      this.name = name;
      this.typeName = typeName;
    }

    public Builder primaryKey(boolean value) {
      primaryKey = value;
      return this;
    }

    public Builder autoId(boolean value) {
      autoId = value;
      return this;
    }

    public Builder partitionKey(boolean value) {
      partitionKey = value;
      return this;
    }

    public Builder nullable(boolean value) {
      nullable = value;
      return this;
    }

    public Builder hasDefault(boolean value) {
      hasDefault = value;
      return this;
    }

    public Builder functionOutput(boolean value) {
      functionOutput = value;
      return this;
    }

    public Builder dim(int value) {
      dim = value;
      return this;
    }

    public Builder maxLength(int value) {
      maxLength = value;
      return this;
    }

    public Builder maxCapacity(int value) {
      maxCapacity = value;
      return this;
    }

    public Builder elementType(String value) {
      elementTypeName = value;
      return this;
    }

    public MilvusField build() {
      return new MilvusField(this);
    }
  }
}
