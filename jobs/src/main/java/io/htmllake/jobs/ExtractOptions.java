package io.htmllake.jobs;

import io.htmllake.parsers.spec.ExtractorSpec;
import io.htmllake.parsers.spec.SpecException;
import io.htmllake.parsers.spec.SpecParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Everything an extract run needs. The spec travels as its text (executors compile it again), so
 * the options stay immutable and serialisable.
 *
 * @param specFile the spec as given on the command line (for messages and the manifest)
 * @param specText its YAML text
 */
public record ExtractOptions(
    String specFile,
    String specText,
    String input,
    LocalDate date,
    String output,
    TableFormat format,
    long maxPageBytes,
    double maxQuarantineRatio,
    boolean allowEmpty,
    List<String> arguments) implements Serializable {

  public ExtractOptions {
    Objects.requireNonNull(specFile, "specFile");
    Objects.requireNonNull(specText, "specText");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(format, "format");
    arguments = List.copyOf(arguments);
  }

  /** The raw partition this run reads. */
  public String inputPartition() {
    return Paths.join(input, "dt=" + date);
  }

  /**
   * The compiled spec.
   *
   * @throws JobException exit 2, listing every error of the spec with its line
   */
  public ExtractorSpec spec() {
    try {
      return SpecParser.parse(specFile, specText);
    } catch (SpecException e) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot use --spec " + specFile + ": " + e.getMessage());
    }
  }

  /**
   * Reads a spec file: a local path, or any Hadoop URI (s3://, s3a://, hdfs://).
   *
   * @throws JobException exit 2 when it cannot be read
   */
  static String readSpec(String file, Configuration conf) {
    Path path = new Path(file);
    try {
      var fs = path.getFileSystem(conf);
      if (!fs.isFile(path)) {
        throw new JobException(ExitCode.BAD_ARGUMENTS, "Invalid value for option '--spec': no such file (" + file + ")");
      }
      try (InputStream in = fs.open(path)) {
        byte[] bytes = in.readNBytes(1 << 20);
        if (in.read() != -1) {
          throw new JobException(ExitCode.BAD_ARGUMENTS, "Invalid value for option '--spec': larger than 1 MiB (" + file + ")");
        }
        return new String(bytes, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Invalid value for option '--spec': cannot read " + file + ": " + e.getMessage());
    }
  }
}
