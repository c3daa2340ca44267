package io.htmllake.jobs;

import static io.htmllake.jobs.FixtureCrawl.DAY1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.testing.SharedSpark;
import io.htmllake.testing.TestFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify: a clean run passes; a removed file, a duplicated file and an edited manifest are each caught. */
class VerifyCommandTest {

  @TempDir
  static Path shared;
  @TempDir
  Path tmp;
  private static Path parsed;
  private static RunResult run;
  private Path lake;

  /** One parse-pages run for every test; each test gets the lake as that run left it, at the path its manifest names. */
  @BeforeAll
  static void parseOnce() throws IOException {
    Path raw = FixtureCrawl.write(shared.resolve("raw"));
    parsed = shared.resolve("lake");
    run = ParsePagesJob.run(SharedSpark.get(), ParsePagesJobTest.options(raw, parsed, DAY1));
    TestFiles.copyTree(parsed, shared.resolve("lake-as-written"));
  }

  @BeforeEach
  void restore() throws IOException {
    TestFiles.deleteTree(parsed);
    TestFiles.copyTree(shared.resolve("lake-as-written"), parsed);
    lake = parsed;
  }

  private ParsePagesCliTest.Run verify(String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new java.util.ArrayList<>(List.of("--output", lake.toString(), "--date", DAY1));
    args.addAll(List.of(extra));
    int code = Cli.commandLine(new VerifyCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(args.toArray(String[]::new));
    return new ParsePagesCliTest.Run(code, out.toString(), err.toString());
  }

  private static List<Path> dataFiles(Path partition) throws IOException {
    try (Stream<Path> files = Files.list(partition)) {
      return files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }

  @Test
  void aCleanRunPassesEveryCheck() {
    ParsePagesCliTest.Run result = verify();
    assertEquals(0, result.code(), result.out() + result.err());
    for (String check : List.of("manifest_digest", "manifest_reconciles", "run_status", "files.pages", "rows.pages",
        "unique_page_id", "files.links", "rows.links", "rows.quarantine")) {
      assertTrue(result.out().lines().anyMatch(l -> l.startsWith("ok") && l.contains(" " + check + ":")), check + " in\n" + result.out());
    }
  }

  @Test
  void aRemovedFileIsCaught() throws IOException {
    Path links = lake.resolve("links").resolve("dt=" + DAY1);
    Path removed = dataFiles(links).get(0);
    Files.delete(removed);

    ParsePagesCliTest.Run result = verify();
    assertEquals(3, result.code(), result.out());
    assertTrue(result.out().contains("FAILED  files.links: missing " + removed.getFileName()), result.out());
    assertTrue(result.out().lines().anyMatch(l -> l.startsWith("FAILED  rows.links:")), result.out());
  }

  @Test
  void aDuplicatedFileIsCaught() throws IOException {
    Path pages = lake.resolve("pages").resolve("dt=" + DAY1);
    Path original = dataFiles(pages).get(0);
    Files.copy(original, pages.resolve("part-99999-copy.snappy.parquet"));

    ParsePagesCliTest.Run result = verify();
    assertEquals(3, result.code(), result.out());
    assertTrue(result.out().contains("stray part-99999-copy.snappy.parquet"), result.out());
    assertTrue(result.out().lines().anyMatch(l -> l.startsWith("FAILED  unique_page_id:")), result.out());
    assertTrue(result.err().contains("checks failed"), result.err());
  }

  @Test
  void anEditedManifestIsCaught() throws IOException {
    Path manifest = Path.of(run.manifestPath().replaceFirst("^file:", ""));
    String json = Files.readString(manifest, StandardCharsets.UTF_8);
    String edited = json.replaceFirst("\"pages\" : (\\d+)", "\"pages\" : 1$1");
    assertTrue(!edited.equals(json), "the manifest has a pages count to edit");
    Files.writeString(manifest, edited, StandardCharsets.UTF_8);

    ParsePagesCliTest.Run result = verify();
    assertEquals(3, result.code(), result.out());
    assertTrue(result.out().contains("FAILED  manifest_digest: the manifest was changed after the run wrote it"), result.out());
  }

  @Test
  void aDeltaRunIsVerifiedAgainstItsSnapshotAcrossReruns() throws IOException {
    Path raw = shared.resolve("raw");
    lake = tmp.resolve("delta-lake");
    ParsePagesOptions delta = ParsePagesJobTest.options(raw, lake, DAY1, TableFormat.DELTA, io.htmllake.schemas.Tables.PARSE_PAGES,
        ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES);
    ParsePagesJob.run(SharedSpark.get(), delta);
    ParsePagesJob.run(SharedSpark.get(), delta); // the first run's files stay in the directory until VACUUM

    ParsePagesCliTest.Run result = verify();
    assertEquals(0, result.code(), result.out() + result.err());
    assertTrue(result.out().contains("ok      rows.pages: 3 rows"), result.out());
  }

  @Test
  void aRunCompactedByMaintainVerifiesAgainstTheFilesMaintainLeft() throws IOException {
    Path pages = lake.resolve("pages").resolve("dt=" + DAY1);
    List<Path> before = dataFiles(pages);
    assertTrue(before.size() > 1, "the fixture run writes pages as several files: " + before);
    StringWriter err = new StringWriter();
    int code = Cli.commandLine(new MaintainCommand()).setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
        .execute("--output", lake.toString(), "--date", DAY1, "--tables", "pages");
    assertEquals(0, code, err.toString());
    assertEquals(1, dataFiles(pages).size(), "maintain compacted the pages");

    ParsePagesCliTest.Run result = verify();
    assertEquals(0, result.code(), result.out() + result.err());
    assertTrue(result.out().lines().anyMatch(l -> l.startsWith("ok      files.pages: 1 committed files present (the set maintain run ")),
        result.out());
    assertTrue(result.out().contains("ok      rows.pages: 3 rows"), result.out());

    // The maintain manifest is what vouches for the new file: edited, it is caught; gone, the file is a stray.
    Path manifest;
    try (Stream<Path> files = Files.list(lake.resolve("_runs/maintain/dt=" + DAY1))) {
      manifest = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    String json = Files.readString(manifest, StandardCharsets.UTF_8);
    Files.writeString(manifest, json.replaceFirst("\"files_after\" : 1", "\"files_after\" : 2"), StandardCharsets.UTF_8);
    result = verify();
    assertEquals(3, result.code(), result.out());
    assertTrue(result.out().lines().anyMatch(l -> l.startsWith("FAILED  maintain_manifest_digest.")), result.out());
    Files.delete(manifest);
    result = verify();
    assertEquals(3, result.code(), result.out());
    assertTrue(result.out().contains("stray " + dataFiles(pages).get(0).getFileName()), result.out());
    assertTrue(result.out().contains("missing " + before.get(0).getFileName()), result.out());
  }

  @Test
  void extractRunsAreVerifiedPerSpecTable() throws IOException {
    Path spec = Path.of("conf/extractors/lodging.yaml");
    lake = tmp.resolve("extract-lake");
    ExtractResult extracted = ExtractJob.run(SharedSpark.get(), new ExtractOptions(spec.toString(),
        Files.readString(spec, StandardCharsets.UTF_8), "sample-crawl", java.time.LocalDate.parse("2026-11-21"), lake.toString(),
        TableFormat.PARQUET, 10L << 20, 0.5, false, List.of("test")));
    String table = extracted.table();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.commandLine(new VerifyCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("--output", lake.toString(), "--date", "2026-11-21", "--job", "extract");
    assertEquals(0, code, out + "\n" + err);
    assertTrue(out.toString().contains("ok      rows." + table + ": " + extracted.rowsWritten().get(table) + " rows"), out.toString());
    assertTrue(out.toString().contains("ok      files." + table + "_quarantine:"), out.toString());

    Path removed = dataFiles(lake.resolve(table).resolve("dt=2026-11-21")).get(0);
    Files.delete(removed);
    out = new StringWriter();
    code = Cli.commandLine(new VerifyCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
        .execute("--output", lake.toString(), "--date", "2026-11-21", "--job", "extract");
    assertEquals(3, code, out.toString());
    assertTrue(out.toString().contains("FAILED  files." + table + ": missing " + removed.getFileName()), out.toString());
  }

  @Test
  void aJobVerifyCannotCheckIsABadArgument() {
    ParsePagesCliTest.Run result = verify("--job", "register");
    assertEquals(2, result.code(), result.err());
    assertTrue(result.err().contains("--job") && result.err().contains("parse-pages, extract"), result.err());
  }

  @Test
  void noRunForTheDateIsExitFour() {
    ParsePagesCliTest.Run result = verify("--run-id", "20000101T000000.000Z-00000000");
    assertEquals(4, result.code(), result.err());
    assertTrue(result.err().contains("no manifest at"), result.err());
  }
}
