package io.htmllake.jobs.eval;

import io.htmllake.parsers.FetchMetadata;
import io.htmllake.parsers.PageParser;
import io.htmllake.parsers.ParsedPage;
import io.htmllake.parsers.RawRecord;
import io.htmllake.parsers.RecordOutcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Feeds a corpus page through {@link PageParser#parse}, the same entry point parse-pages uses, with
 * the URL its ground truth gives. One instance per evaluation run (the parser holds a digest).
 */
final class EvalPageReader {

  private final PageParser parser = new PageParser();

  /**
   * @param file an HTML file, gzip-compressed or not (told by its magic bytes)
   * @param url the page's URL, or null when the ground truth has none
   * @param contentType the Content-Type a crawler would have recorded, or null
   * @return the parsed page, or null when the parser quarantined it
   */
  ParsedPage parse(Path file, String url, String contentType) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        bytes = in.readAllBytes();
      }
    }
    Map<String, String> headers = contentType == null ? Map.of() : Map.of("Content-Type", contentType);
    RecordOutcome outcome = parser.parse(new RawRecord(file.toString(), 0, bytes, false,
        new FetchMetadata(url, null, 200, headers)));
    return outcome instanceof ParsedPage page ? page : null;
  }
}
