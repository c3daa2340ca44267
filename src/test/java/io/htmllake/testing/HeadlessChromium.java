package io.htmllake.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Renders a local HTML file in headless Chromium (Debian's {@code chromium} package, which
 * {@code .ci/run} installs) and returns the DOM as the browser built it, every console message the
 * page caused, and a screenshot. With {@code --enable-logging=stderr} Chromium writes each console
 * message (errors, uncaught exceptions, blocked loads, CSP violations) to stderr as a
 * {@code :CONSOLE:} line, which is what this reads.
 *
 * <p>No Chromium: the test fails, saying how to install it, unless {@code HTMLLAKE_SKIP_BROWSER=1}
 * asks to skip browser tests.
 */
public final class HeadlessChromium {

  private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[:(]\\d+");

  /** What the browser made of the page. */
  public record Rendered(String dom, List<String> consoleMessages, Path screenshot) {}

  private HeadlessChromium() {}

  public static Path binary() {
    String configured = System.getenv("HTMLLAKE_CHROMIUM");
    Path chromium = Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
    if (!Files.isExecutable(chromium)) {
      if ("1".equals(System.getenv("HTMLLAKE_SKIP_BROWSER"))) {
        Assumptions.abort("HTMLLAKE_SKIP_BROWSER=1 and no Chromium at " + chromium + ": browser test skipped");
      }
      fail("Cannot render in a browser: no Chromium at " + chromium + ". Install it with `apt-get install -y chromium`"
          + " (.ci/run does), point HTMLLAKE_CHROMIUM at it, or set HTMLLAKE_SKIP_BROWSER=1 to skip browser tests.");
    }
    return chromium;
  }

  public static Rendered render(Path html, Path screenshot, Path workDir) throws IOException, InterruptedException {
    Files.createDirectories(screenshot.toAbsolutePath().getParent());
    Files.createDirectories(workDir);
    Path dom = workDir.resolve("dom.html");
    Path log = workDir.resolve("chromium.log");
    List<String> command = List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--hide-scrollbars", "--window-size=1100,5200",
        "--user-data-dir=" + workDir.resolve("profile").toAbsolutePath(),
        "--screenshot=" + screenshot.toAbsolutePath(), "--dump-dom", "--enable-logging=stderr", "--v=0",
        html.toAbsolutePath().toUri().toString());
    Process p = new ProcessBuilder(command).redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("Chromium did not finish rendering " + html + " within 120 s; its log: " + log);
    }
    if (p.exitValue() != 0) {
      fail("Chromium exited " + p.exitValue() + " rendering " + html + ": " + Files.readString(log, StandardCharsets.UTF_8));
    }
    List<String> console = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (CONSOLE.matcher(line).find()) {
        console.add(line);
      }
    }
    return new Rendered(Files.readString(dom, StandardCharsets.UTF_8), console, screenshot);
  }
}
