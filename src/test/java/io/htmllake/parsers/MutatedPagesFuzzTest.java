package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.htmllake.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzzing: real pages from the corpus, mutated (truncated, spliced, bytes flipped, wrapped
 * in deep nesting, bytes repeated), through the parser. Whatever the bytes, the outcome is a page
 * or a quarantine entry for input that is not HTML, within the time limit and the page bounds.
 * Seeded, so a failure names the seed and iteration that reproduce it.
 */
class MutatedPagesFuzzTest {

  private static final long SEED = 0x5EEDL;
  private static final int ITERATIONS = 400;
  private static final Duration LIMIT = Duration.ofSeconds(20);
  private static final Set<String> ACCEPTED = Set.of("empty", "not_html");

  @Test
  void mutatedCorpusPagesNeverBreakTheParser() throws IOException {
    List<byte[]> pages = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Corpus.require("readability").resolve("test-pages"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("source.html")).sorted().limit(40).toList()) {
        pages.add(Files.readAllBytes(f));
      }
    }
    assertTrue(pages.size() >= 20, "pages: " + pages.size());

    Random random = new Random(SEED);
    int parsed = 0;
    try (TimeLimitedParser parser = new TimeLimitedParser(LIMIT)) {
      for (int i = 0; i < ITERATIONS; i++) {
        byte[] page = pages.get(random.nextInt(pages.size()));
        String mutation = MUTATIONS[random.nextInt(MUTATIONS.length)];
        byte[] bytes = mutate(mutation, page, pages.get(random.nextInt(pages.size())), random);
        RawRecord record = new RawRecord("fuzz://seed-" + SEED + "/iteration-" + i + "/" + mutation, 0, bytes, false,
            new FetchMetadata("https://fuzz.example/" + i, null, 200, Map.of()));
        RecordOutcome outcome = parser.parse(record);
        if (outcome instanceof ParsedPage p) {
          parsed++;
          assertEquals(bytes.length, p.contentLength(), record.sourceUri());
          for (int k = 0; k < p.links().size(); k++) {
            assertEquals(k, p.links().get(k).position(), record.sourceUri());
          }
          assertTrue(p.wordCount() >= 0 && (p.mainText() != null || p.wordCount() == 0), record.sourceUri());
        } else if (outcome instanceof Quarantine q) {
          assertTrue(ACCEPTED.contains(q.reason()), record.sourceUri() + ": " + q.reason() + " " + q.detail());
        } else {
          fail(record.sourceUri() + ": " + outcome);
        }
      }
      assertEquals(0, parser.abandoned(), "records over the time limit");
    }
    assertTrue(parsed > ITERATIONS / 2, parsed + " of " + ITERATIONS + " mutated pages parsed as pages");
  }

  private static final String[] MUTATIONS = {"truncate", "splice", "flip", "nest", "repeat", "drop-closers"};

  private static byte[] mutate(String mutation, byte[] page, byte[] other, Random random) {
    switch (mutation) {
      case "truncate":
        return Arrays.copyOf(page, random.nextInt(page.length + 1));
      case "splice": {
        int at = random.nextInt(page.length + 1);
        int from = random.nextInt(other.length + 1);
        byte[] out = Arrays.copyOf(page, at + other.length - from);
        System.arraycopy(other, from, out, at, other.length - from);
        return out;
      }
      case "flip": {
        byte[] out = page.clone();
        for (int n = 1 + random.nextInt(64); n > 0 && out.length > 0; n--) {
          out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
      }
      case "nest": {
        int depth = 1_000 + random.nextInt(20_000);
        String tag = new String[] {"div", "b", "table", "a href=x", "svg", "li"}[random.nextInt(6)];
        byte[] open = ("<" + tag + ">").repeat(depth).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = random.nextInt(page.length + 1);
        byte[] out = new byte[page.length + open.length];
        System.arraycopy(page, 0, out, 0, at);
        System.arraycopy(open, 0, out, at, open.length);
        System.arraycopy(page, at, out, at + open.length, page.length - at);
        return out;
      }
      case "repeat": {
        int from = random.nextInt(page.length + 1);
        int len = Math.min(page.length - from, 1 + random.nextInt(4096));
        int times = 1 + random.nextInt(200);
        byte[] out = Arrays.copyOf(page, page.length + len * times);
        for (int t = 0; t < times; t++) {
          System.arraycopy(page, from, out, page.length + t * len, len);
        }
        return out;
      }
      default: {
        String s = new String(page, java.nio.charset.StandardCharsets.ISO_8859_1);
        return s.replace("</", "<").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      }
    }
  }
}
