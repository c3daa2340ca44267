package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.parsers.ObjectKind;
import io.htmllake.schemas.Tables;
import io.htmllake.testing.Corpus;
import io.htmllake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every HTML file of the real-page corpus sets goes through parse-pages: each becomes exactly one
 * pages row or one quarantine row, and the job does not fail. Skipped when the corpus is absent.
 */
class CorpusPagesTest {

  private static final List<String> SETS = List.of("jsoup", "trafilatura", "article-extraction-benchmark", "readability", "goose3");
  private static final String DATE = "2000-01-01";

  @TempDir
  Path tmp;

  @Test
  void everyCorpusHtmlFileBecomesExactlyOneRow() throws IOException {
    Corpus.require(SETS.get(0));
    Path partition = tmp.resolve("raw/dt=" + DATE);
    Map<String, Integer> expected = new TreeMap<>();
    for (String set : SETS) {
      Path dir = Corpus.require(set);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String name = file.getFileName().toString();
          if (ObjectKind.of(name) == ObjectKind.HTML && !ObjectKind.isHidden(name)) {
            String relative = set + "/" + dir.relativize(file).toString().replace('\\', '/');
            FixtureCrawl.put(partition.resolve(relative), Files.readAllBytes(file));
            expected.put(relative, 1);
          }
        }
      }
    }
    assertTrue(expected.size() > 1000, "corpus sets look incomplete: " + expected.size() + " HTML files");

    SparkSession spark = SharedSpark.get();
    Path lake = tmp.resolve("lake");
    RunResult result = ParsePagesJob.run(spark, new ParsePagesOptions(tmp.resolve("raw").toString(), LocalDate.parse(DATE),
        lake.toString(), TableFormat.PARQUET, List.of(Tables.PAGES, Tables.QUARANTINE), ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES,
        1.0, false, List.of("corpus")));

    Map<String, Integer> seen = new HashMap<>();
    String prefix = "dt=" + DATE + "/";
    for (String table : List.of("pages", "quarantine")) {
      for (Row r : spark.read().parquet(lake.resolve(table).resolve("dt=" + DATE).toString()).select("source_uri").collectAsList()) {
        String uri = r.getString(0);
        seen.merge(uri.substring(uri.indexOf(prefix) + prefix.length()), 1, Integer::sum);
      }
    }
    assertEquals(expected, new TreeMap<>(seen), "each corpus file must be exactly one pages or quarantine row");
    assertEquals(0, result.counts().skipped());
    System.out.printf("corpus: %d files -> %d pages, %d quarantined %s%n", expected.size(), result.counts().pages(),
        result.counts().quarantined(), result.counts().quarantineByReason());
    // The corpus is real pages: all but a handful (fuzzer files, non-HTML named .html) must parse as pages.
    assertTrue(result.counts().pages() >= expected.size() * 0.97, "too many quarantined: " + result.counts().quarantineByReason());
  }
}
