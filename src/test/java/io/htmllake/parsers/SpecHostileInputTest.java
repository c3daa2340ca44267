package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.htmllake.parsers.spec.ExtractorSpec;
import io.htmllake.parsers.spec.SpecExtractor;
import io.htmllake.parsers.spec.SpecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped lodging spec (row selector, page-scope fields, every kind of value) on the parser's hostile inputs: never throws, finishes. */
class SpecHostileInputTest {

  private static ExtractorSpec lodging;

  @BeforeAll
  static void spec() throws IOException {
    Path file = Path.of("conf/extractors/lodging.yaml");
    // Without match conditions, so every hostile page is extracted rather than skipped.
    String text = Files.readString(file, StandardCharsets.UTF_8).replaceAll("(?s)match:.*?\nrow:", "row:");
    lodging = SpecParser.parse(file.toString(), text);
    org.junit.jupiter.api.Assertions.assertTrue(lodging.hosts().isEmpty() && lodging.urlPattern() == null && lodging.row() != null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.htmllake.parsers.HostileInputTest#inputs")
  void neverThrowsAndFinishes(HostileInputTest.Hostile hostile) {
    RawRecord record = new RawRecord("s3://raw/dt=2024-05-01/hostile.html", 0, hostile.bytes(), false, hostile.metadata());
    SpecExtractor.Extraction outcome = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> new SpecExtractor(lodging).extract(record));
    if (outcome instanceof SpecExtractor.Failed f) {
      assertNotEquals("extractor_error", f.quarantine().reason(), f.quarantine().detail());
    }
  }
}
