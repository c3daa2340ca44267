package io.htmllake.parsers;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Reads a one-page raw HTML object (plain or gzip, told by its magic bytes, not its name) and its
 * optional sidecar into the items to parse. Decompressed bytes are bounded by the page limit.
 */
public final class HtmlObjectReader {

  private HtmlObjectReader() {}

  /**
   * @param sourceUri the object's URI
   * @param in the object's bytes (closed by the caller)
   * @param sidecarUri the sidecar's URI, or null when there is none
   * @param sidecar the sidecar's bytes, or null
   * @param maxPageBytes the decompressed page limit
   * @return the page record, or a quarantine entry; plus a quarantine entry for an unusable sidecar
   */
  public static List<ReadItem> read(String sourceUri, InputStream in, String sidecarUri, byte[] sidecar, long maxPageBytes)
      throws IOException {
    List<ReadItem> items = new ArrayList<>(2);
    FetchMetadata metadata = FetchMetadata.NONE;
    if (sidecar != null) {
      try {
        metadata = Sidecar.parse(sidecar);
      } catch (IllegalArgumentException e) {
        items.add(Quarantine.of(sidecarUri, 0, null, Quarantine.Stage.READ, "bad_sidecar",
            "Cannot read sidecar of " + sourceUri + ": " + e.getMessage() + "; page parsed without it", sidecar));
      }
    }
    BoundedBytes.Payload payload;
    try {
      payload = BoundedBytes.read(ContentDecoding.gunzipIfGzip(in), maxPageBytes);
    } catch (EOFException | ZipException e) {
      // Only a gzip stream throws these: a plain payload just ends.
      items.add(Quarantine.of(sourceUri, 0, metadata.url(), Quarantine.Stage.DECODE, "corrupt_gzip",
          "Cannot decompress " + sourceUri + ": " + e.getMessage(), null));
      return items;
    }
    items.add(new RawRecord(sourceUri, 0, payload.bytes(), payload.truncated(), metadata));
    return items;
  }
}
