package io.milvusimport.staging;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop configuration (with the write's {@code fs.*} options) carried to executors,
 * so staging uses the same file system settings on both sides. Hadoop's Configuration is not
 * Serializable itself.
 */
public final class HadoopConf implements Serializable {
  private static final long serialVersionUID = 1L;
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
    this.writeOptions = writeOptions;
  }

  public Configuration get() {
    return conf;
  }

  /** True when the write set {@code fs.*} options of its own. */
  public boolean hasWriteOptions() {
    return writeOptions;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }
}
