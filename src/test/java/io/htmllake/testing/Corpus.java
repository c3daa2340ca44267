package io.htmllake.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real-world corpus beside the checkout ({@code ../shared/corpus}, or the {@code htmllake.corpus}
 * system property / {@code HTMLLAKE_CORPUS} environment variable). Tests that need it are skipped,
 * with a message saying so, when it is absent.
 */
public final class Corpus {

  private Corpus() {}

  public static Path root() {
    String configured = System.getProperty("htmllake.corpus", System.getenv("HTMLLAKE_CORPUS"));
    Path root = configured != null ? Path.of(configured) : Path.of("..", "shared", "corpus");
    return root.toAbsolutePath().normalize();
  }

  /** The folder of one corpus set; skips the calling test when it is absent. */
  public static Path require(String set) {
    Path dir = root().resolve(set);
    assumeTrue(Files.isDirectory(dir), "Skipped: corpus set " + set + " not found at " + dir
        + " (set -Dhtmllake.corpus or HTMLLAKE_CORPUS to run it)");
    return dir;
  }
}
