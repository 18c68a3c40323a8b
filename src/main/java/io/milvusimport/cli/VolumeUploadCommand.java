package io.milvusimport.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.cloud.ApplyingCredentialSource;
import io.milvusimport.cloud.UploadSettings;
import io.milvusimport.cloud.VolumePaths;
import io.milvusimport.manage.VolumeManager;
import io.milvusimport.manage.VolumeUpload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code volume upload}: local files and folders into a volume directory through {@link
 * VolumeUpload}, with one {@code apply} shared by the parallel uploads and renewed as needed, a
 * progress bar or plain lines, and at the end the {@code dataPaths} and the {@code import create}
 * command that imports them, so an upload and its import can be scripted.
 */
final class VolumeUploadCommand {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  static final CloudCommand COMMAND =
      new CloudCommand(
          "upload",
          "upload local files and folders (sub-folders kept) into a MANAGED volume and print the"
              + " dataPaths to import",
          List.of(
              Flag.required("volume", "NAME", "the volume's name"),
              Flag.optional("path", "DIR", "the directory in the volume (default: its root)"),
              Flag.optional(
                  "ca-pem", "FILE", "extra CA certificates (PEM) to trust for the object store"),
              Flag.optional(
                  "cluster-id", "ID", "only fills in the printed import command (in01-...)"),
              Flag.optional("collection", "NAME", "only fills in the printed import command"),
              Flag.positional(
                  "local", "LOCAL", "a local file or folder; a folder's files keep their path")),
          VolumeUploadCommand::run);

  private VolumeUploadCommand() {}

  private static int run(Flags f, Map<String, String> opts, CloudOutput o, Cli.Streams s) {
    String volume = f.get("volume");
    String dir = VolumePaths.directory(f.get("path", ""));
    List<Path> locals = new ArrayList<>();
    for (String local : f.all("local")) {
      Path path = Path.of(local);
      if (!Files.exists(path)) {
        throw new UsageException("Cannot upload '" + local + "': no such file or folder.");
      }
      locals.add(path);
    }
    UploadSettings settings = UploadSettings.defaults();
    if (f.has("ca-pem")) {
      settings = settings.withCaPem(UploadSettings.readCaPem(f.get("ca-pem")));
    }
    VolumeManager manager = VolumeManager.create(opts);
    ApplyingCredentialSource credentials =
        new ApplyingCredentialSource(() -> manager.applyCredentials(volume, dir));
    Progress progress = new Progress(o.json ? s.err : s.out, s.terminal && !o.json);
    List<String> dataPaths;
    try {
      dataPaths =
          new VolumeUpload(credentials, settings).upload(dir, locals, progress.forUploads());
    } finally {
      progress.close();
    }
    String command = importCommand(f, volume, dataPaths);
    if (o.json) {
      ObjectNode node = JSON.createObjectNode().put("volume", volume).put("path", dir);
      dataPaths.forEach(node.putArray("dataPaths")::add);
      node.put("importCommand", command);
      o.print(node);
    } else {
      s.out.println(
          "Uploaded to volume '" + volume + "'" + (dir.isEmpty() ? "" : " under '" + dir + "'"));
      s.out.println("Data paths to import:");
      dataPaths.forEach(p -> s.out.println("  " + p));
      s.out.println("Import them with:");
      s.out.println("  " + command);
    }
    return Cli.OK;
  }

  /** The ready-to-run {@code import create} of the uploaded paths, quoted for a POSIX shell. */
  static String importCommand(Flags f, String volume, List<String> dataPaths) {
    StringBuilder b =
        new StringBuilder(Help.PROGRAM)
            .append(" import create --cluster-id ")
            .append(quoted(f.get("cluster-id", "CLUSTER_ID")))
            .append(" --collection ")
            .append(quoted(f.get("collection", "COLLECTION")))
            .append(" --volume ")
            .append(quoted(volume));
    dataPaths.forEach(p -> b.append(" --path ").append(quoted(p)));
    return b.append(" --wait").toString();
  }

  private static String quoted(String word) {
    return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
