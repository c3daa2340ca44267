package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** parse-pages --dry-run: validates, lists, prints the plan, and reads or writes nothing. */
class ParsePagesDryRunTest {

  @TempDir
  Path tmp;

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.commandLine(new ParsePagesCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** Every file under a directory with its size and modification time, to show nothing changed. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        files.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir" : Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return files;
  }

  @Test
  void printsThePlanAndTouchesNoData() throws IOException {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Path lake = tmp.resolve("lake");
    Map<String, String> before = snapshot(tmp);
    long bytes;
    long objects;
    try (Stream<Path> files = Files.walk(raw.resolve("dt=" + FixtureCrawl.DAY1))) {
      var list = files.filter(Files::isRegularFile).toList();
      objects = list.size();
      bytes = list.stream().mapToLong(p -> p.toFile().length()).sum();
    }

    Run run = run("--input", raw.toString(), "--date", FixtureCrawl.DAY1, "--output", lake.toString(), "--format", "json",
        "--tables", "pages,links", "--dry-run");

    assertEquals(0, run.code(), run.err());
    assertEquals(before, snapshot(tmp), "a dry run creates, changes and deletes nothing");
    assertFalse(Files.exists(lake));
    String plan = run.out();
    assertTrue(plan.contains("nothing was read or written"), plan);
    assertTrue(plan.contains(raw.resolve("dt=" + FixtureCrawl.DAY1) + "  (" + objects + " objects, " + bytes + " bytes"), plan);
    assertEquals(9, objects, "the fixture's day 1 has 9 objects");
    assertTrue(plan.contains(lake.resolve("pages/dt=" + FixtureCrawl.DAY1) + "  (schema "), plan);
    assertTrue(plan.contains(lake.resolve("links/dt=" + FixtureCrawl.DAY1).toString()), plan);
    assertTrue(plan.contains(lake.resolve("quarantine/dt=" + FixtureCrawl.DAY1).toString()), "quarantine is always written: " + plan);
    assertFalse(plan.contains("offers/dt="), "--tables leaves offers out: " + plan);
    assertTrue(plan.contains("json, new partition"), plan);
    assertTrue(plan.contains(lake.resolve("_runs/parse-pages/dt=" + FixtureCrawl.DAY1) + "/<run-id>.json"), plan);
  }

  @Test
  void sayWhichPartitionsARunWouldReplace() throws IOException {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Files.createDirectories(tmp.resolve("lake/pages/dt=" + FixtureCrawl.DAY1));
    Run run = run("--input", raw.toString(), "--date", FixtureCrawl.DAY1, "--output", tmp.resolve("lake").toString(), "--dry-run");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().lines().anyMatch(l -> l.contains("/pages/dt=") && l.contains("replaces the existing partition")), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.contains("/links/dt=") && l.contains("new partition")), run.out());
  }

  @Test
  void aMissingInputIsExit4AsInARealRun() {
    Run run = run("--input", tmp.resolve("nothing").toString(), "--date", "2024-03-01", "--output", tmp.resolve("lake").toString(), "--dry-run");
    assertEquals(4, run.code(), run.err());
    assertTrue(run.err().contains("does not exist"), run.err());
  }

  @Test
  void aMissingInputWithAllowEmptyIsPlanned() {
    Run run = run("--input", tmp.resolve("nothing").toString(), "--date", "2024-03-01", "--output", tmp.resolve("lake").toString(),
        "--allow-empty", "--dry-run");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("missing or empty"), run.out());
    assertFalse(Files.exists(tmp.resolve("lake")));
  }

  @Test
  void anOutputNoFileSystemCanReachIsExit2() {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Run run = run("--input", raw.toString(), "--date", FixtureCrawl.DAY1, "--output", "nosuchfs://bucket/lake", "--dry-run");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("--output nosuchfs://bucket/lake"), run.err());
  }

  @Test
  void badArgumentsAreStillExit2() {
    Run run = run("--input", tmp.toString(), "--date", "2024-02-30", "--output", tmp.toString(), "--dry-run");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("--date"), run.err());
  }
}
