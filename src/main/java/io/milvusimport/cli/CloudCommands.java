package io.milvusimport.cli;

import io.milvusimport.cloud.Volume;
import io.milvusimport.connect.OptionValues;
import io.milvusimport.manage.CloudImports;
import io.milvusimport.manage.VolumeManager;
import io.milvusimport.milvus.ImportJobStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code volume} and {@code import} subcommands for Zilliz Cloud, each a thin call of {@link
 * VolumeManager} or {@link CloudImports}.
 */
final class CloudCommands {
  private static final Flag VOLUME = Flag.required("volume", "NAME", "the volume's name");

  static final List<CloudCommand> VOLUMES =
      List.of(
          new CloudCommand(
              "create",
              "create a volume (MANAGED by default) in --project-id and --region-id",
              List.of(
                  VOLUME,
                  CloudFlags.PROJECT,
                  CloudFlags.REGION,
                  Flag.optional("type", "TYPE", "MANAGED (default) or EXTERNAL"),
                  Flag.optional(
                      "storage-integration", "ID", "EXTERNAL: the storage integration's id"),
                  Flag.optional("path", "DIR/", "EXTERNAL: the folder in your bucket, ending /")),
              CloudCommands::createVolume),
          new CloudCommand(
              "list",
              "list the project's volumes (every page)",
              List.of(
                  CloudFlags.PROJECT,
                  Flag.optional("type", "TYPE", "only MANAGED or only EXTERNAL volumes")),
              (f, opts, o, s) -> {
                VolumeManager m = VolumeManager.create(opts);
                o.volumes(f.has("type") ? m.listVolumes(f.get("type")) : m.listVolumes());
                return Cli.OK;
              }),
          new CloudCommand(
              "describe",
              "describe one volume (not on the stage API)",
              List.of(VOLUME),
              (f, opts, o, s) -> {
                o.volume(VolumeManager.create(opts).describeVolume(f.get("volume")));
                return Cli.OK;
              }),
          new CloudCommand(
              "delete",
              "delete a volume and every file in it",
              List.of(VOLUME),
              (f, opts, o, s) -> {
                VolumeManager.create(opts).deleteVolume(f.get("volume"));
                o.deleted(f.get("volume"));
                return Cli.OK;
              }),
          VolumeUploadCommand.COMMAND);

  static final List<CloudCommand> IMPORTS =
      List.of(
          new CloudCommand(
              "create",
              "import files of a volume (--volume, --path) or object URLs (--url) into a"
                  + " collection; --wait follows the job to its end",
              List.of(
                  CloudFlags.CLUSTER,
                  Flag.required("collection", "NAME", "the target collection"),
                  Flag.optional("db", "NAME", "the database (Dedicated clusters only)"),
                  Flag.optional("partition", "NAME", "the target partition"),
                  Flag.optional("volume", "NAME", "import from this volume"),
                  Flag.repeated(
                      "path", "PATH", "a file or folder/ in the volume, relative to its root"),
                  Flag.optional(
                      "paths-from",
                      "FILE",
                      "more --path values, one a line ('-': stdin; blank and # lines skipped)"),
                  Flag.repeated("url", "URL", "an object URL (s3://bucket/key, gs://...)"),
                  Flag.optional("access-key", "KEY", "the access key Zilliz reads --url with"),
                  Flag.optional("secret-key-file", "FILE", "a file holding the secret key"),
                  Flag.optional(
                      "session-token-file", "FILE", "a file holding the session token, if any"),
                  CloudFlags.PROJECT,
                  CloudFlags.REGION,
                  Flag.bool("wait", "wait until the job completes or fails, showing progress"),
                  Flag.optional("timeout", "DURATION", "how long --wait waits (default 1h)")),
              CloudCommands::startImport),
          new CloudCommand(
              "describe",
              "show one import job, with its files",
              List.of(CloudFlags.CLUSTER, Flag.required("job-id", "ID", "the import job's id")),
              (f, opts, o, s) -> {
                o.job(CloudImports.create(opts).describe(f.get("job-id")));
                return Cli.OK;
              }),
          new CloudCommand(
              "list",
              "list the cluster's import jobs (every page)",
              List.of(
                  CloudFlags.CLUSTER,
                  Flag.optional("collection", "NAME", "only jobs into this collection")),
              (f, opts, o, s) -> {
                o.jobs(CloudImports.create(opts).list(f.get("collection")));
                return Cli.OK;
              }));

  private CloudCommands() {}

  static CloudCommand find(List<CloudCommand> group, String name) {
    return group.stream().filter(c -> c.name.equals(name)).findFirst().orElse(null);
  }

  private static int createVolume(Flags f, Map<String, String> opts, CloudOutput o, Cli.Streams s) {
    VolumeManager m = VolumeManager.create(opts);
    String type = f.get("type", Volume.MANAGED);
    Volume made =
        Volume.EXTERNAL.equalsIgnoreCase(type)
            ? m.createExternalVolume(f.get("volume"), f.get("storage-integration"), f.get("path"))
            : m.createVolume(f.get("volume"));
    o.note("Created volume '" + made.name() + "'.");
    o.volume(made);
    return Cli.OK;
  }

  private static int startImport(Flags f, Map<String, String> opts, CloudOutput o, Cli.Streams s) {
    List<String> paths = DataPathList.read(f.all("path"), f.get("paths-from"), s.in);
    boolean fromVolume = f.has("volume") || !paths.isEmpty();
    boolean fromUrls = !f.all("url").isEmpty();
    if (fromVolume == fromUrls) {
      throw new UsageException(
          "'import create' needs either --volume NAME with --path PATH (repeatable), or --url URL"
              + " (repeatable) with --access-key and --secret-key-file.");
    }
    CloudImports imports = CloudImports.create(opts);
    String jobId;
    if (fromVolume) {
      if (!f.has("volume") || paths.isEmpty()) {
        throw new UsageException(
            "An import from a volume needs --volume NAME and --path PATH (or --paths-from FILE).");
      }
      jobId =
          imports.startFromVolume(
              f.get("db"), f.get("collection"), f.get("partition"), f.get("volume"), paths);
    } else {
      jobId =
          imports.startFromUrls(
              f.get("db"),
              f.get("collection"),
              f.get("partition"),
              f.all("url"),
              f.get("access-key"),
              CloudFlags.readSecret(f.get("secret-key-file"), "secret-key-file"),
              CloudFlags.readSecret(f.get("session-token-file"), "session-token-file"));
    }
    if (!f.has("wait")) {
      o.note("Started import job " + jobId + ". Follow it with: import describe --job-id " + jobId);
      o.job(imports.describe(jobId));
      return Cli.OK;
    }
    Duration timeout = timeout(f);
    Progress progress = new Progress(o.json ? s.err : s.out, s.terminal && !o.json);
    ImportJobStatus done;
    try {
      done = imports.await(jobId, timeout, progress.forImports());
    } finally {
      progress.close();
    }
    o.job(done);
    if (!done.completed()) {
      s.err.println(
          "error: import job "
              + jobId
              + " ended "
              + done.state()
              + ": "
              + done.failureDescription());
      return Cli.FAILED;
    }
    return Cli.OK;
  }

  private static Duration timeout(Flags f) {
    if (!f.has("timeout")) {
      return Duration.ofHours(1);
    }
    return new OptionValues(Map.of("timeout", f.get("timeout")))
        .duration("timeout", Duration.ofHours(1), Duration.ofSeconds(1));
  }
}
