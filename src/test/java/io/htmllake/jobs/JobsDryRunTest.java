package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.testing.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dry-run} of extract, register and verify (parse-pages' is {@link ParsePagesDryRunTest}):
 * each validates, prints its plan, and creates, changes or deletes nothing: no file, no catalog entry.
 */
class JobsDryRunTest {

  private static final String DATE = "2026-11-21";
  private static final Path SAMPLE = Path.of("sample-crawl");
  private static final Path LODGING = Path.of("conf/extractors/lodging.yaml");

  @TempDir
  Path tmp;

  record Run(int code, String out, String err) {}

  private static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.commandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
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

  /** The plan line whose location is exactly this path (lines are: kind, name, location, (note)). */
  private static String line(String plan, Object location) {
    return plan.lines().filter(l -> l.contains(" " + location + "  (") || l.endsWith(" " + location)).findFirst()
        .orElseThrow(() -> new AssertionError("no plan line for " + location + " in\n" + plan));
  }

  // --- extract

  @Test
  void extractPrintsTheSpecTablesAndManifestAndWritesNothing() throws IOException {
    Path lake = tmp.resolve("lake");
    Map<String, String> sample = snapshot(SAMPLE);
    long objects;
    long bytes;
    try (Stream<Path> files = Files.walk(SAMPLE.resolve("dt=" + DATE))) {
      List<Path> list = files.filter(Files::isRegularFile).toList();
      objects = list.size();
      bytes = list.stream().mapToLong(p -> p.toFile().length()).sum();
    }

    Run run = run(new ExtractCommand(), "--spec", LODGING.toString(), "--input", SAMPLE.toString(), "--date", DATE,
        "--output", lake.toString(), "--dry-run");

    assertEquals(0, run.code(), run.err());
    assertFalse(Files.exists(lake), "a dry run creates nothing under " + lake);
    assertEquals(sample, snapshot(SAMPLE), "the raw zone is as it was");
    String plan = run.out();
    assertTrue(plan.startsWith("extract --dry-run: the plan (nothing was read or written)"), plan);
    assertTrue(line(plan, SAMPLE.resolve("dt=" + DATE)).contains("(" + objects + " objects, " + bytes + " bytes"), plan);
    assertTrue(line(plan, LODGING).contains("lodging_rooms version 1, schema "), plan);
    assertTrue(line(plan, lake.resolve("lodging_rooms_v1/dt=" + DATE)).contains("parquet, new partition"), plan);
    assertTrue(line(plan, lake.resolve("lodging_rooms_v1_quarantine/dt=" + DATE)).contains("parquet, new partition"), plan);
    assertTrue(line(plan, lake.resolve("_runs/extract/lodging_rooms_v1/dt=" + DATE + "/<run-id>.json")).contains("manifest"), plan);
    assertTrue(line(plan, lake.resolve("_specs/lodging_rooms_v1.json")).contains("(new)"), plan);
  }

  @Test
  void extractSaysWhichPartitionItWouldReplace() throws IOException {
    Path lake = tmp.resolve("lake");
    Files.createDirectories(lake.resolve("lodging_rooms_v1/dt=" + DATE));
    Map<String, String> before = snapshot(lake);
    Run run = run(new ExtractCommand(), "--spec", LODGING.toString(), "--input", SAMPLE.toString(), "--date", DATE,
        "--output", lake.toString(), "--dry-run");
    assertEquals(0, run.code(), run.err());
    assertTrue(line(run.out(), lake.resolve("lodging_rooms_v1/dt=" + DATE)).contains("replaces the existing partition"), run.out());
    assertTrue(line(run.out(), lake.resolve("lodging_rooms_v1_quarantine/dt=" + DATE)).contains("new partition"), run.out());
    assertEquals(before, snapshot(lake));
  }

  @Test
  void extractWithAnInvalidSpecIsExit2BeforeAnythingIsListed() throws IOException {
    Path spec = tmp.resolve("broken.yaml");
    Files.writeString(spec, "table: Not A Name\nversion: 1\n");
    Run run = run(new ExtractCommand(), "--spec", spec.toString(), "--input", SAMPLE.toString(), "--date", DATE,
        "--output", tmp.resolve("lake").toString(), "--dry-run");
    assertEquals(2, run.code(), run.out() + run.err());
    assertTrue(run.err().contains("--spec " + spec), run.err());
    assertFalse(Files.exists(tmp.resolve("lake")));
  }

  @Test
  void extractWithAMissingInputIsExit4AsInARealRun() {
    Run run = run(new ExtractCommand(), "--spec", LODGING.toString(), "--input", tmp.resolve("none").toString(), "--date", DATE,
        "--output", tmp.resolve("lake").toString(), "--dry-run");
    assertEquals(4, run.code(), run.out() + run.err());
    assertFalse(Files.exists(tmp.resolve("lake")));
  }

  // --- register

  @Test
  void registerPlansTablesAndPartitionsWithoutTouchingTheCatalogOrTheLake() throws IOException {
    Path lake = tmp.resolve("lake");
    Files.createDirectories(lake.resolve("pages/dt=" + DATE));
    Files.createDirectories(lake.resolve("links/dt=2026-11-20"));
    Map<String, String> before = snapshot(lake);

    Run run = run(new RegisterCommand(), "--database", "dry_db", "--output", lake.toString(), "--date", DATE,
        "--tables", "pages,links", "--dry-run");

    assertEquals(0, run.code(), run.err());
    String plan = run.out();
    assertTrue(plan.startsWith("register --dry-run: the plan (nothing was read or written)"), plan);
    String root = "file:" + lake.toAbsolutePath();
    assertTrue(line(plan, root).contains("(exists)"), plan);
    assertTrue(line(plan, root + "/pages").contains("dry_db.pages") && line(plan, root + "/pages").contains("created when missing"), plan);
    assertTrue(line(plan, root + "/pages/dt=" + DATE).contains("added"), plan);
    assertTrue(line(plan, root + "/links/dt=" + DATE).contains("no directory: a registered dt=" + DATE + " would be dropped"), plan);
    assertFalse(plan.contains("/offers"), "--tables leaves offers out: " + plan);
    assertTrue(line(plan, lake.resolve("_runs/register/dt=" + DATE + "/<run-id>.json")).contains("manifest"), plan);
    assertEquals(before, snapshot(lake), "the lake is as it was, and no manifest was written");
    assertFalse(SharedSpark.get().catalog().databaseExists("dry_db"), "the catalog is as it was");
  }

  @Test
  void registerOfALakeNotWrittenYetIsPlannedNotRefused() {
    Path lake = tmp.resolve("later");
    Run run = run(new RegisterCommand(), "--database", "dry_db", "--output", lake.toString(), "--date", DATE, "--dry-run");
    assertEquals(0, run.code(), run.err());
    assertTrue(line(run.out(), "file:" + lake.toAbsolutePath()).contains("does not exist yet: a run now would exit 4"), run.out());
    assertFalse(Files.exists(lake));
  }

  @Test
  void registerDryRunStillRefusesBadArguments() {
    Run run = run(new RegisterCommand(), "--database", "Bad-Name", "--output", tmp.toString(), "--date", DATE, "--dry-run");
    assertEquals(2, run.code(), run.out() + run.err());
    assertTrue(run.err().contains("--database"), run.err());
  }

  // --- verify

  @Test
  void verifyNamesTheLatestManifestItWouldCheck() throws IOException {
    Path runs = Files.createDirectories(tmp.resolve("lake/_runs/parse-pages/dt=" + DATE));
    Files.writeString(runs.resolve("20261121T010000.000Z-aaaaaaaa.json"), "{}");
    Files.writeString(runs.resolve("20261121T020000.000Z-bbbbbbbb.json"), "not even json: a dry run does not read it");
    Map<String, String> before = snapshot(tmp);
    Run run = run(new VerifyCommand(), "--output", tmp.resolve("lake").toString(), "--date", DATE, "--dry-run");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("verify --dry-run: the plan"), run.out());
    assertTrue(run.out().contains("20261121T020000.000Z-bbbbbbbb.json"), "the latest run: " + run.out());
    assertFalse(run.out().contains("aaaaaaaa"), run.out());
    assertEquals(before, snapshot(tmp));
  }

  @Test
  void verifyOfARunNotWrittenYetIsPlannedNotRefused() {
    Run run = run(new VerifyCommand(), "--output", tmp.resolve("lake").toString(), "--date", DATE, "--dry-run");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("none yet: a run now would exit 4"), run.out());
    assertFalse(Files.exists(tmp.resolve("lake")));
  }
}
