package io.milvusimport.spark.catalog;

import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;

/** The stack of the catalog tests, and Milvus catalogs registered on its stand-in. */
final class CatalogTestBeds {
  private CatalogTestBeds() {}

  /** A stand-in (20 ms job steps) whose token is {@code root:<secret>}, S3 and a Spark session. */
  static ImportTestBed start(String secret) {
    return ImportTestBed.start(
        MilvusStandIn.builder().stepDelay(Duration.ofMillis(20)), "root:" + secret);
  }

  /** Registers Milvus catalog {@code name} on the stand-in, staging under {@code prefix}. */
  static void register(ImportTestBed bed, String name, String stagingPrefix) {
    register(bed, name, stagingPrefix, MilvusCatalog.class.getName());
  }

  /** As {@link #register(ImportTestBed, String, String)}, with the catalog class named. */
  static void register(ImportTestBed bed, String name, String stagingPrefix, String catalogClass) {
    SparkSession spark = bed.spark();
    String prefix = "spark.sql.catalog." + name;
    spark.conf().set(prefix, catalogClass);
    spark.conf().set(prefix + ".uri", bed.standIn().uri());
    spark.conf().set(prefix + ".token", bed.token());
    spark.conf().set(prefix + ".stagingPath", "s3a://" + bed.bucket() + "/" + stagingPrefix + "/");
    spark.conf().set(prefix + ".pollInterval", "20ms");
  }
}
