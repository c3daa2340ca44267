package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.xbean.asm9.ClassReader;
import org.apache.xbean.asm9.ClassVisitor;
import org.apache.xbean.asm9.MethodVisitor;
import org.apache.xbean.asm9.Opcodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code emr-steps/*.json} against the job jar {@code mvn package} built (so this runs in the
 * integration-test phase, after package): the step's {@code --class} is in the shaded jar with a
 * public static main, {@code run-step --dry-run} exits 0 on the rendered step and writes nothing,
 * and {@code run-step} runs every step end to end on a copy of the sample crawl, in a child JVM that
 * loads the job from the jar, with the step's own {@code --conf}.
 */
class EmrStepsIT {

  private static final Path JAR = Path.of("target/htmllake-jobs.jar").toAbsolutePath();
  private static final String DATE = "2026-11-21";
  /** The sample's deliberately broken inputs left out of the copy, so that 1 of 39 is quarantined, under the 0.05 gate. */
  private static final List<String> LEFT_OUT = List.of("news/media/gallery-0412.html", "news/media/gallery-0412.html.meta.json",
      "lodging/hotels/hotel-porto-1.html", "lodging/hotels/hotel-porto-1.html.meta.json",
      "news/science/2026/11/21/university-lab-funds-new-tram-line-amid-budget-worries.html.meta.json");
  /** The order a scheduler runs the jobs in; a step file not listed runs after these. */
  private static final List<String> ORDER = List.of("parse-pages", "extract", "maintain", "register", "verify");
  private static final String DATABASE = "htmllake_it";

  @TempDir
  static Path tmp;
  static Path raw;

  @BeforeAll
  static void copySampleCrawl() throws IOException {
    // Picked up by -Dtest=... in the unit-test phase too, where the jar does not exist yet; the
    // integration-test execution sets htmllake.it, and there a missing jar is a failure.
    assumeTrue(Boolean.getBoolean("htmllake.it"), "EmrStepsIT runs in the integration-test phase (mvn verify)");
    assertTrue(Files.isRegularFile(JAR), JAR + " is missing: this test runs after `mvn package` (mvn verify)");
    raw = tmp.resolve("raw");
    Path sample = Path.of("sample-crawl");
    try (Stream<Path> files = Files.walk(sample)) {
      for (Path p : files.toList()) {
        Path to = raw.resolve(sample.relativize(p).toString());
        if (LEFT_OUT.contains(sample.relativize(p).toString().replace("dt=" + DATE + "/", ""))) {
          continue;
        }
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  static List<Path> stepFiles() throws IOException {
    try (Stream<Path> list = Files.list(Path.of("emr-steps"))) {
      return list.filter(p -> p.toString().endsWith(".json"))
          .sorted(Comparator.comparingInt((Path p) -> {
            int i = ORDER.indexOf(p.getFileName().toString().replace(".json", ""));
            return i < 0 ? ORDER.size() : i;
          }).thenComparing(Path::toString))
          .toList();
    }
  }

  record Run(int code, String out, String err) {}

  private static Run runStep(Path file, String ds, Path lake, String... extra) {
    List<String> args = new ArrayList<>(List.of(file.toString(), "--ds", ds, "--jar", JAR.toString(), "--master", "local[2]",
        "--driver-memory", "1g", "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--param", "raw_uri=" + raw, "--param", "lake_uri=" + lake, "--param", "database=" + DATABASE, "--param", "format=parquet",
        "--param", "spec_uri=" + Path.of("conf/extractors/lodging.yaml").toAbsolutePath(),
        // register's Hive metastore: Spark's embedded Derby, on disk in the test's directory (not the working directory),
        // so that the test reads the catalog the child wrote after it exits.
        "--conf", "spark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName=" + metastore() + ";create=true",
        "--conf", "spark.hadoop.datanucleus.schema.autoCreateAll=true",
        "--conf", "spark.hadoop.hive.metastore.schema.verification=false",
        "--conf", "spark.sql.warehouse.dir=" + tmp.resolve("warehouse").toUri(),
        "--conf", "derby.stream.error.file=" + tmp.resolve("derby.log")));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.commandLine(new RunStepCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private static Path metastore() {
    return tmp.resolve("metastore_db");
  }

  @ParameterizedTest
  @MethodSource("stepFiles")
  void theStepsMainClassIsInTheBuiltJarWithAPublicStaticMain(Path file) throws IOException {
    String steps = Files.readString(file);
    var m = java.util.regex.Pattern.compile("\"--class\",\\s*\"([\\w.$]+)\"").matcher(steps);
    assertTrue(m.find(), file + ": no --class");
    do {
      String className = m.group(1);
      try (ZipFile zip = new ZipFile(JAR.toFile())) {
        ZipEntry entry = zip.getEntry(className.replace('.', '/') + ".class");
        assertTrue(entry != null, file + ": " + className + " is not in " + JAR);
        int[] access = {0, -1};
        try (InputStream in = zip.getInputStream(entry)) {
          new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int acc, String name, String signature, String superName, String[] interfaces) {
              access[0] = acc;
            }

            @Override
            public MethodVisitor visitMethod(int acc, String name, String descriptor, String signature, String[] exceptions) {
              if (name.equals("main") && descriptor.equals("([Ljava/lang/String;)V")) {
                access[1] = acc;
              }
              return null;
            }
          }, ClassReader.SKIP_CODE);
        }
        assertTrue((access[0] & Opcodes.ACC_PUBLIC) != 0, className + " is public");
        assertNotEquals(-1, access[1], className + " has main(String[]) returning void");
        assertEquals(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, access[1] & (Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC), className + ".main");
      }
    } while (m.find());
  }

  @ParameterizedTest
  @MethodSource("stepFiles")
  void theJobAcceptsTheRenderedArgumentsInADryRunThatWritesNothing(Path file) throws IOException {
    Path lake = tmp.resolve("dry-lake-" + file.getFileName());
    Map<String, String> before = snapshot(raw);
    Run run = runStep(file, DATE, lake, "--dry-run");
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("--dry-run: the plan (nothing was read or written)"), run.out());
    assertFalse(Files.exists(lake), "a dry run creates nothing under " + lake);
    assertEquals(before, snapshot(raw), "a dry run changes nothing in the raw zone");
  }

  @Test
  void runsEveryStepEndToEndOnTheSampleCrawl() throws IOException {
    Path lake = tmp.resolve("lake");
    for (Path file : stepFiles()) {
      switch (file.getFileName().toString()) {
        case "parse-pages.json" -> {
          parsePagesEndToEnd(file, lake);
          continue;
        }
        case "extract.json" -> {
          extractEndToEnd(file, lake);
          continue;
        }
        case "maintain.json" -> {
          maintainEndToEnd(file, lake);
          continue;
        }
        case "register.json" -> {
          registerEndToEnd(file, lake);
          continue;
        }
        case "verify.json" -> {
          // verify reads only and writes no manifest: it checks parse-pages' run against its tables.
          Run run = runStep(file, DATE, lake);
          assertEquals(0, run.code(), file + ":\n" + run.out() + run.err());
          assertTrue(run.out().contains("ok      files.pages") && !run.out().contains("FAILED"), run.out());
          continue;
        }
        default -> { }
      }
      // Jobs added later: they must succeed on what the earlier steps wrote and leave a run manifest (the contract).
      long manifests = manifests(lake, DATE);
      Run run = runStep(file, DATE, lake);
      assertEquals(0, run.code(), file + ":\n" + run.out() + run.err());
      assertTrue(manifests(lake, DATE) > manifests, file + " wrote no run manifest under " + lake.resolve("_runs"));
    }
  }

  @Test
  void theJobsExitStatusIsRunStepsExitStatus() {
    // No raw partition for this date: the job's own exit 4 comes back through run-step, as EMR would see it.
    Run run = runStep(Path.of("emr-steps/parse-pages.json"), "2026-11-19", tmp.resolve("lake-none"), "--dry-run");
    assertEquals(4, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("exited 4") && run.err().contains("dt=2026-11-19"), run.out() + run.err());
  }

  private void parsePagesEndToEnd(Path file, Path lake) throws IOException {
    Run run = runStep(file, DATE, lake);
    assertEquals(0, run.code(), run.out() + run.err());
    // sample-crawl/README.md: 45 records = 38 pages + 4 broken + 3 skipped; this copy keeps one broken input.
    assertTrue(run.out().contains("42 records read = 38 pages + 1 quarantined + 3 skipped"), run.out());
    Map<String, Long> rows = new TreeMap<>();
    for (String table : List.of("pages", "links", "structured_data", "offers", "quarantine")) {
      rows.put(table, parquetRows(lake.resolve(table + "/dt=" + DATE)));
    }
    assertEquals(38, rows.get("pages"), rows.toString());
    assertEquals(1, rows.get("quarantine"), rows.toString());
    assertTrue(rows.get("links") > 38 && rows.get("structured_data") > 0 && rows.get("offers") > 0, rows.toString());
    assertFalse(Files.exists(lake.resolve("pages/dt=2026-11-20")), "only the step's date is written");
    assertEquals(1, manifests(lake, DATE));
    Map<?, ?> manifest = manifestOf(lake);
    assertEquals(Map.of("corrupt_gzip", 1), manifest.get("quarantine_by_reason"));
    assertTrue(String.valueOf(manifest.get("arguments")).contains("--date, " + DATE), String.valueOf(manifest.get("arguments")));
  }

  /** maintain after parse-pages (local[2]: two files a table): one file a table, the same rows, its own manifest. */
  private void maintainEndToEnd(Path file, Path lake) throws IOException {
    Path pages = lake.resolve("pages/dt=" + DATE);
    long rowsBefore = parquetRows(pages);
    Run run = runStep(file, DATE, lake);
    assertEquals(0, run.code(), file + ":\n" + run.out() + run.err());
    List<Path> parts;
    try (Stream<Path> files = Files.list(pages)) {
      parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).toList();
    }
    assertEquals(1, parts.size(), "maintain compacted pages to one file: " + parts);
    assertTrue(parts.get(0).toString().endsWith(".zstd.parquet"), "the step's codec: " + parts);
    assertEquals(rowsBefore, parquetRows(pages));
    assertEquals(((Number) ((Map<?, ?>) manifestOf(lake, "parse-pages").get("rows")).get("pages")).longValue(), parquetRows(pages));
    Map<?, ?> manifest = manifestOf(lake, "maintain");
    assertEquals("succeeded", manifest.get("status"));
    assertEquals(Map.of(parts.get(0).getFileName().toString(), (int) Files.size(parts.get(0))),
        ((Map<?, ?>) manifest.get("files")).get("pages"), "the manifest lists the file maintain left");
  }

  private void extractEndToEnd(Path file, Path lake) throws IOException {
    Run run = runStep(file, DATE, lake);
    assertEquals(0, run.code(), file + ":\n" + run.out() + run.err());
    // sample-crawl/README.md: the lodging site's hotel pages; the copy leaves hotel-porto-1 (broken) out.
    Map<?, ?> manifest = manifestOf(lake, "extract/lodging_rooms_v1");
    Map<?, ?> rows = (Map<?, ?>) manifest.get("rows");
    long table = parquetRows(lake.resolve("lodging_rooms_v1/dt=" + DATE));
    assertTrue(table > 0, "lodging_rooms_v1 has rows");
    assertEquals(((Number) rows.get("lodging_rooms_v1")).longValue(), table, rows.toString());
    assertTrue(String.valueOf(manifest.get("arguments")).contains("--spec, " + Path.of("conf/extractors/lodging.yaml").toAbsolutePath()),
        "the step's --spec is the spec_uri parameter: " + manifest.get("arguments"));
    assertEquals("succeeded", manifest.get("status"));
    assertFalse(Files.exists(lake.resolve("lodging_rooms_v1/dt=2026-11-20")), "only the step's date is written");
  }

  /**
   * register wrote a manifest, and the catalog it wrote (the Derby metastore, read over JDBC after
   * the child JVM exited) has each table's dt partition at a location whose rows are parse-pages' rows.
   */
  @SuppressWarnings("unchecked")
  private void registerEndToEnd(Path file, Path lake) throws IOException {
    Run run = runStep(file, DATE, lake);
    assertEquals(0, run.code(), file + ":\n" + run.out() + run.err());
    Map<?, ?> manifest = manifestOf(lake, "register");
    assertEquals(DATABASE, manifest.get("database"));
    assertEquals(Boolean.TRUE, manifest.get("created_database"));
    List<Map<String, Object>> tables = (List<Map<String, Object>>) manifest.get("tables");
    assertEquals(List.of(DATABASE + ".pages", DATABASE + ".links", DATABASE + ".structured_data", DATABASE + ".offers",
        DATABASE + ".quarantine"), tables.stream().map(t -> t.get("name")).toList());
    for (Map<String, Object> t : tables) {
      assertTrue(((List<String>) t.get("changes")).contains("created (parquet, schema " + t.get("schema_version") + ")"), t.toString());
    }

    Map<String, String> partitions = new TreeMap<>();
    // Derby boots in this JVM on the first connection; its log goes beside the metastore, not into the working directory.
    System.setProperty("derby.stream.error.file", tmp.resolve("derby-test.log").toString());
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:derby:" + metastore());
        java.sql.PreparedStatement q = c.prepareStatement("SELECT t.TBL_NAME, p.PART_NAME, s.LOCATION FROM PARTITIONS p"
            + " JOIN TBLS t ON p.TBL_ID = t.TBL_ID JOIN DBS d ON t.DB_ID = d.DB_ID JOIN SDS s ON p.SD_ID = s.SD_ID WHERE d.NAME = ?")) {
      q.setString(1, DATABASE);
      try (java.sql.ResultSet r = q.executeQuery()) {
        while (r.next()) {
          assertEquals("dt=" + DATE, r.getString(2), "only the step's date is registered");
          partitions.put(r.getString(1), r.getString(3));
        }
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError("Cannot read the metastore at " + metastore() + ": " + e, e);
    } finally {
      try {
        java.sql.DriverManager.getConnection("jdbc:derby:" + metastore() + ";shutdown=true");
      } catch (java.sql.SQLException expected) {
        // Derby reports a database shut down as SQLState 08006
      }
    }
    Map<?, ?> parsed = (Map<?, ?>) manifestOf(lake, "parse-pages").get("rows");
    assertEquals(java.util.Set.of("pages", "links", "structured_data", "offers", "quarantine"),
        partitions.keySet(), "every table has its partition in the catalog");
    for (Map.Entry<String, String> p : partitions.entrySet()) {
      Path location = Path.of(java.net.URI.create(p.getValue()));
      assertEquals(lake.resolve(p.getKey() + "/dt=" + DATE).toAbsolutePath(), location, "the catalog's partition location");
      assertEquals(((Number) parsed.get(p.getKey())).longValue(), parquetRows(location),
          p.getKey() + ": rows through the catalog's partition = rows in parse-pages' manifest");
    }
  }

  /** Rows in a table partition, from the Parquet footers of its part files (read without the job's code). */
  private static long parquetRows(Path partition) throws IOException {
    Configuration conf = new Configuration();
    List<Path> parts;
    try (Stream<Path> files = Files.list(partition)) {
      parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).toList();
    }
    assertFalse(parts.isEmpty(), "no part files in " + partition);
    // The step's --conf reached the job: its spark.sql.parquet.compression.codec=zstd named the files.
    assertTrue(parts.stream().allMatch(p -> p.toString().endsWith(".zstd.parquet")), parts.toString());
    long rows = 0;
    for (Path part : parts) {
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(part.toUri()), conf))) {
        rows += reader.getRecordCount();
      }
    }
    return rows;
  }

  private static Map<?, ?> manifestOf(Path lake) throws IOException {
    return manifestOf(lake, "parse-pages");
  }

  private static Map<?, ?> manifestOf(Path lake, String job) throws IOException {
    try (Stream<Path> files = Files.list(lake.resolve("_runs/" + job + "/dt=" + DATE))) {
      Path manifest = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
      return new ObjectMapper().readValue(manifest.toFile(), Map.class);
    }
  }

  private static long manifests(Path lake, String ds) throws IOException {
    Path runs = lake.resolve("_runs");
    if (!Files.isDirectory(runs)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(runs)) {
      return files.filter(p -> p.getParent().getFileName().toString().equals("dt=" + ds) && p.toString().endsWith(".json")).count();
    }
  }

  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        files.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir" : Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return files;
  }
}
