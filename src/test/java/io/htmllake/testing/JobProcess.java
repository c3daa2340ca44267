package io.htmllake.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code io.htmllake.jobs.HtmlLake <args>} in a JVM of its own, on this JVM's classpath and
 * module flags: for runs that need their own SparkSession (another master, fault injection).
 */
public final class JobProcess {

  public record Result(int exitCode, String output) {}

  private JobProcess() {}

  public static Result run(Path workDir, Map<String, String> systemProperties, List<String> args) throws IOException {
    List<String> command = command("1500m", systemProperties, args);
    Files.createDirectories(workDir);
    Path log = workDir.resolve("job-" + System.nanoTime() + ".log");
    Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(8, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("Job process did not end within 8 minutes: " + args + "; log " + log);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted", e);
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** The command line of such a JVM with this heap, for callers that start and watch the process themselves. */
  public static List<String> command(String heap, Map<String, String> systemProperties, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognized") || arg.startsWith("-Djdk.reflect")) {
        command.add(arg);
      }
    }
    command.add("-Dspark.ui.enabled=false");
    command.add("-Dspark.driver.host=127.0.0.1");
    command.add("-Dspark.driver.bindAddress=127.0.0.1");
    systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.htmllake.jobs.HtmlLake");
    command.addAll(args);
    return command;
  }
}
