package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TimeLimitedParserTest {

  private static RawRecord record(String name, String html) {
    return new RawRecord("file:/raw/dt=2026-11-21/" + name, 0, html.getBytes(StandardCharsets.UTF_8), false,
        new FetchMetadata("https://example.com/" + name, null, 200, Map.of()));
  }

  /** About 8 MB of small paragraphs with links: seconds of work, far beyond the limits used below. */
  private static RawRecord slowPage() {
    return record("slow.html", "<html><body>" + "<div><p>word <a href=\"/a\">link</a> more words</p></div>".repeat(150_000));
  }

  @Test
  void aRecordSlowerThanTheLimitIsQuarantinedAsTimeoutAndTheNextOneIsParsed() throws Exception {
    try (TimeLimitedParser warm = new TimeLimitedParser(Duration.ofMinutes(1))) {
      assertInstanceOf(ParsedPage.class, warm.parse(record("warm.html", "<title>w</title><p>warm</p>")));
    }
    Set<String> before = parseThreads();
    try (TimeLimitedParser parser = new TimeLimitedParser(Duration.ofMillis(300))) {
      long started = System.nanoTime();
      RecordOutcome slow = parser.parse(slowPage());
      long tookMillis = (System.nanoTime() - started) / 1_000_000;

      Quarantine q = assertInstanceOf(Quarantine.class, slow);
      assertEquals("timeout", q.reason());
      assertEquals(Quarantine.Stage.PARSE, q.stage());
      assertTrue(q.detail().contains("300ms"), q.detail());
      assertEquals("https://example.com/slow.html", q.url());
      assertTrue(tookMillis < 5_000, "the caller waited " + tookMillis + " ms");
      assertEquals(1, parser.abandoned());

      ParsedPage next = assertInstanceOf(ParsedPage.class, parser.parse(record("next.html", "<title>Next</title><p>fine</p>")));
      assertEquals("Next", next.title());
    }
    // The abandoned parse notices the interruption and ends instead of keeping a core busy.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Set<String> left = parseThreads();
    left.removeAll(before);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      left = parseThreads();
      left.removeAll(before);
    }
    assertEquals(Set.of(), left, "parse threads still running");
  }

  @Test
  void aPositiveLimitIsRequired() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TimeLimitedParser(Duration.ZERO));
    assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
  }

  private static Set<String> parseThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith("htmllake-parse-")).collect(Collectors.toSet());
  }
}
