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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line's contract: flags, one-line errors and exit codes. */
class ParsePagesCliTest {

  @TempDir
  Path tmp;

  @BeforeAll
  static void session() {
    SharedSpark.get(); // the command reuses (and does not stop) the suite's session
  }

  record Run(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.commandLine(new ParsePagesCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private List<String> args(Path raw, String date, String... extra) {
    List<String> args = new ArrayList<>(List.of("--input", raw.toString(), "--date", date, "--output", tmp.resolve("lake").toString()));
    args.addAll(List.of(extra));
    return args;
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "--bogus|x|--bogus",
      "--date|2024-13-01|--date",
      "--date|01/03/2024|--date",
      "--format|avro|--format",
      "--tables|pages,foo|--tables",
      "--max-page-bytes|10q|--max-page-bytes",
      "--max-page-bytes|12|--max-page-bytes",
      "--max-quarantine-ratio|1.5|--max-quarantine-ratio",
      "--record-time-limit|10|--record-time-limit",
      "--record-time-limit|2d|--record-time-limit",
      "--record-time-limit|5ms|--record-time-limit",
      "--min-non-null|title|--min-non-null",
      "--min-non-null|title=2|--min-non-null",
      "--min-non-null|colour=0.5|--min-non-null",
  })
  void badValueIsOneLineNamingTheFlagAndExit2(String flag, String value, String named) {
    List<String> args = new ArrayList<>(List.of("--input", tmp.toString(), "--date", "2024-03-01", "--output", tmp.toString()));
    if (flag.equals("--date")) {
      args.set(3, value);
    } else {
      args.add(flag);
      args.add(value);
    }
    Run run = run(args.toArray(String[]::new));
    assertEquals(2, run.code(), run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().contains(named), run.err());
  }

  @Test
  void missingRequiredFlagIsExit2() {
    Run run = run("--input", tmp.toString(), "--date", "2024-03-01");
    assertEquals(2, run.code());
    assertTrue(run.err().contains("--output"), run.err());
    assertEquals(1, run.errLines().size(), run.err());
  }

  @Test
  void missingPartitionIsExit4() {
    Run run = run(args(tmp.resolve("raw"), "2024-03-01").toArray(String[]::new));
    assertEquals(4, run.code(), run.err());
    assertTrue(run.err().contains("does not exist") && run.err().contains("dt=2024-03-01"), run.err());
    assertEquals(1, run.errLines().size(), run.err());
  }

  @Test
  void emptyPartitionIsExit4() throws IOException {
    Files.createDirectories(tmp.resolve("raw/dt=2024-03-01/sub"));
    Files.writeString(tmp.resolve("raw/dt=2024-03-01/_SUCCESS"), "");
    Run run = run(args(tmp.resolve("raw"), "2024-03-01").toArray(String[]::new));
    assertEquals(4, run.code(), run.err());
    assertTrue(run.err().contains("is empty"), run.err());
  }

  @Test
  void allowEmptyWritesNothingAndSucceeds() throws IOException {
    Run run = run(args(tmp.resolve("raw"), "2024-03-01", "--allow-empty").toArray(String[]::new));
    assertEquals(0, run.code(), run.err());
    assertFalse(Files.exists(tmp.resolve("lake/pages/dt=2024-03-01")));
    try (Stream<Path> files = Files.list(tmp.resolve("lake/_runs/parse-pages/dt=2024-03-01"))) {
      // the manifest and, beside it, its report
      assertEquals(List.of("json", "html"), files.map(f -> f.getFileName().toString().replaceFirst("^.*\\.", ""))
          .sorted(java.util.Comparator.reverseOrder()).toList());
    }
  }

  @Test
  void quarantineRatioAboveTheLimitIsExit3NamingTheGate() {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Run run = run(args(raw, FixtureCrawl.DAY1).toArray(String[]::new)); // 2 of 5 quarantined > 0.05
    assertEquals(3, run.code(), run.err());
    assertTrue(run.err().contains("max_quarantine_ratio") && run.err().contains("0.4000"), run.err());
    assertTrue(Files.isDirectory(tmp.resolve("lake/pages/dt=" + FixtureCrawl.DAY1)), "tables stay written for inspection");
  }

  @Test
  void aColumnFilledLessOftenThanRequiredIsExit3NamingTheGateAndTheFigure() throws IOException {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    // Of the fixture's 3 pages, 2 have a title and 1 an author.
    Run passing = run(args(raw, FixtureCrawl.DAY1, "--max-quarantine-ratio", "0.5", "--min-non-null", "url=0.6,title=0.66")
        .toArray(String[]::new));
    assertEquals(0, passing.code(), passing.err());

    Run failing = run(args(raw, FixtureCrawl.DAY1, "--max-quarantine-ratio", "0.5", "--min-non-null", "title=0.5,author=0.5")
        .toArray(String[]::new));
    assertEquals(3, failing.code(), failing.err());
    assertTrue(failing.err().contains("min_non_null.author failed: 1 of 3 pages have a author (0.3333 < 0.5000"), failing.err());
    assertFalse(failing.err().contains("min_non_null.title"), failing.err());
    Path runs = tmp.resolve("lake/_runs/parse-pages/dt=" + FixtureCrawl.DAY1);
    try (Stream<Path> manifests = Files.list(runs)) {
      String latest = Files.readString(manifests.sorted().reduce((a, b) -> b).orElseThrow());
      assertTrue(latest.contains("\"name\" : \"min_non_null.author\""), latest);
    }
  }

  @Test
  void zeroPagesIsExit3() throws IOException {
    FixtureCrawl.put(tmp.resolve("raw/dt=2024-03-01/x.html"), new byte[0]);
    Run run = run(args(tmp.resolve("raw"), "2024-03-01", "--max-quarantine-ratio", "1").toArray(String[]::new));
    assertEquals(3, run.code(), run.err());
    assertTrue(run.err().contains("min_pages"), run.err());
  }

  @Test
  void successIsExit0WithASummary() {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Run run = run(args(raw, FixtureCrawl.DAY1, "--max-quarantine-ratio", "0.5", "--max-page-bytes", "1m").toArray(String[]::new));
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("7 records read = 3 pages + 2 quarantined + 2 skipped"), run.out());
  }

  @Test
  void helpListsEveryFlagAndTheExitCodes() {
    Run run = run("--help");
    assertEquals(0, run.code());
    for (String flag : List.of("--input", "--date", "--output", "--format", "--tables", "--max-page-bytes",
        "--max-quarantine-ratio", "--allow-empty")) {
      assertTrue(run.out().contains(flag), flag);
    }
    assertTrue(run.out().contains("4   input partition missing or empty"), run.out());
  }
}
