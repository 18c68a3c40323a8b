package io.milvusimport.bench;

/** One writer in a table: each round of {@code --runs} runs it once more. */
interface BenchCase {
  CaseResult run() throws Exception;
}
