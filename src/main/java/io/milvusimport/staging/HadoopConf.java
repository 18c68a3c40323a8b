package io.milvusimport.staging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop configuration (with the write's {@code fs.*} options) carried to executors,
 * so staging uses the same file system settings on both sides. Hadoop's Configuration is not
 * Serializable, and a broadcast travels with {@code spark.serializer}, which may be Kryo: Kryo
 * skips transient fields and custom {@code writeObject} methods. So the configuration travels as
 * plain bytes in an ordinary field, which every serializer copies, and is rebuilt on first use.
 */
public final class HadoopConf implements Serializable {
  private static final long serialVersionUID = 2L;

  private final byte[] encoded;
  private transient Configuration conf;
  private final boolean writeOptions;

  /** A configuration without settings of the write's own. */
  public HadoopConf(Configuration conf) {
    this(conf, false);
  }

  /**
   * @param writeOptions true when the write set {@code fs.*} options: staging then uses file system
   *     instances of its own ({@link StagingFileSystem})
   */
  public HadoopConf(Configuration conf, boolean writeOptions) {
    this.conf = conf;
    this.encoded = encode(conf);
    this.writeOptions = writeOptions;
  }

  /** The configuration: the driver's own object there, a copy rebuilt once per executor object. */
  public synchronized Configuration get() {
    if (conf == null) {
      conf = decode(encoded);
    }
    return conf;
  }

  /** True when the write set {@code fs.*} options of its own. */
  public boolean hasWriteOptions() {
    return writeOptions;
  }

  private static byte[] encode(Configuration conf) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      conf.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not encode the Hadoop configuration", e);
    }
    return bytes.toByteArray();
  }

  private static Configuration decode(byte[] encoded) {
    Configuration conf = new Configuration(false);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      conf.readFields(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not decode the Hadoop configuration", e);
    }
    return conf;
  }
}
