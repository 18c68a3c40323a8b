package io.milvusimport.cloud;

import java.io.Serializable;
import java.util.function.Supplier;

/** A supplier that travels to executors with the task, such as a call of {@code apply}. */
@FunctionalInterface
public interface SerializableSupplier<T> extends Supplier<T>, Serializable {}
