package io.htmllake.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.htmllake.reliability.HostileCorpus.Fate;
import io.htmllake.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Bad input never kills the job", on a small heap: the hostile partition (plus the corpus's
 * fuzzer-found documents and malformed WARCs) through parse-pages in its own JVM with a 1 GB heap,
 * driver and executor in one as in local mode. Every object's fate is checked against the one
 * written beside it in {@link HostileCorpus}.
 */
class HostileRunTest {

  private static final String DATE = "2026-11-21";

  @TempDir
  Path tmp;

  @Test
  void theHostilePartitionParsesOnAOneGigabyteHeapAndEveryRecordIsAccountedFor() throws Exception {
    Path partition = tmp.resolve("raw/dt=" + DATE);
    Map<String, Fate> fates = HostileCorpus.write(partition.resolve("generated"), 20261121L);
    int fuzz = copyFuzzerFiles(partition.resolve("fuzz"));
    Path lake = tmp.resolve("lake");

    List<String> command = io.htmllake.testing.JobProcess.command("1g", Map.of("spark.master", "local[2]"),
        List.of("parse-pages", "--input", tmp.resolve("raw").toString(), "--date", DATE, "--output", lake.toString(),
            "--max-quarantine-ratio", "1", "--record-time-limit", "60s"));
    Path log = tmp.resolve("job.log");
    Process job = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = job.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      job.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(finished, "the job did not finish in 10 minutes:\n" + tail(output));
    assertEquals(0, job.exitValue(), tail(output));
    assertTrue(!output.contains("OutOfMemoryError"), tail(output));

    JsonNode manifest = manifest(lake);
    JsonNode records = manifest.path("records");
    assertEquals(records.path("read").asLong(),
        records.path("pages").asLong() + records.path("quarantined").asLong() + records.path("skipped").asLong(), manifest.toString());

    // The generated objects, one by one, against their fates.
    SparkSession spark = io.htmllake.testing.SharedSpark.get();
    Map<String, Integer> pagesBySource = new TreeMap<>();
    for (Row r : spark.read().parquet(lake.resolve("pages").toString()).where("source_uri LIKE '%/generated/%'")
        .selectExpr("regexp_extract(source_uri, '[^/]+$', 0) AS name").collectAsList()) {
      pagesBySource.merge(r.getString(0), 1, Integer::sum);
    }
    Map<String, Map<String, Integer>> reasonsBySource = new TreeMap<>();
    for (Row r : spark.read().parquet(lake.resolve("quarantine").toString()).where("source_uri LIKE '%/generated/%'")
        .selectExpr("regexp_extract(source_uri, '[^/]+$', 0) AS name", "reason").collectAsList()) {
      reasonsBySource.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).merge(r.getString(1), 1, Integer::sum);
    }
    for (Map.Entry<String, Fate> f : fates.entrySet()) {
      String name = f.getKey();
      assertEquals(f.getValue().pages(), pagesBySource.getOrDefault(name, 0), name + " pages");
      assertEquals(new TreeMap<>(f.getValue().quarantined()), reasonsBySource.getOrDefault(name, Map.of()), name + " quarantine");
    }
    // Pages cut at --max-page-bytes are flagged, whatever made them long.
    List<Row> truncated = spark.read().parquet(lake.resolve("pages").toString()).where("truncated")
        .selectExpr("regexp_extract(source_uri, '[^/]+$', 0) AS name").collectAsList();
    List<String> truncatedNames = truncated.stream().map(r -> r.getString(0)).sorted().toList();
    assertEquals(List.of("bomb.html.gz", "huge-100mb.html", "links-1m.html"), truncatedNames);

    // The fuzzer-found documents each became a page or a quarantine row; none timed out.
    long fuzzRows = spark.read().parquet(lake.resolve("pages").toString()).where("source_uri LIKE '%/fuzz/%'").count()
        + spark.read().parquet(lake.resolve("quarantine").toString()).where("source_uri LIKE '%/fuzz/%'").count();
    assertTrue(fuzz == 0 || fuzzRows >= fuzz, fuzzRows + " rows from " + fuzz + " fuzz files");
    assertTrue(manifest.path("quarantine_by_reason").path("timeout").isMissingNode(), manifest.path("quarantine_by_reason").toString());
  }

  /** jsoup's fuzzer-found documents and the corpus's malformed WARCs, when the corpus is there. */
  private static int copyFuzzerFiles(Path target) throws IOException {
    Path corpus = Corpus.root();
    if (!Files.isDirectory(corpus)) {
      System.out.println("HostileRunTest: corpus not found at " + corpus + "; running the generated objects only");
      return 0;
    }
    Files.createDirectories(target);
    int n = 0;
    Path fuzz = corpus.resolve("jsoup/fuzztests");
    if (Files.isDirectory(fuzz)) {
      try (Stream<Path> files = Files.list(fuzz)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = f.getFileName().toString();
          Files.copy(f, target.resolve(name.endsWith(".html") || name.endsWith(".htm") ? name : name + ".html"));
          n++;
        }
      }
    }
    for (String warc : List.of("warcio/example-trunc.warc", "warcio/example-wrong-chunks.warc.gz",
        "warcio/example-bad-non-chunked.warc.gz")) {
      Path f = corpus.resolve(warc);
      if (Files.isRegularFile(f)) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    return n;
  }

  private static JsonNode manifest(Path lake) throws IOException {
    try (Stream<Path> files = Files.list(lake.resolve("_runs/parse-pages/dt=" + DATE))) {
      Path manifest = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
      return new ObjectMapper().readTree(manifest.toFile());
    }
  }

  private static String tail(String s) {
    return s.length() <= 6000 ? s : s.substring(s.length() - 6000);
  }
}
