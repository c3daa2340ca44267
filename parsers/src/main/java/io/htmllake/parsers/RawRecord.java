package io.htmllake.parsers;

import java.nio.charset.Charset;
import java.util.Objects;

/**
 * One crawled response as read from the raw zone: the (already content-decoded) payload bytes and
 * what the crawler recorded about the fetch.
 *
 * @param sourceUri the raw object the record was read from
 * @param sourceOffset byte offset of the record in the object (0 for one-record objects)
 * @param payload the body, at most the reader's byte limit
 * @param truncated true when the body was longer than the limit and was cut
 * @param metadata fetch metadata
 * @param textCharset the charset of the payload when the container already carried it as text
 *     (the {@code html} field of a JSON Lines record, re-encoded as UTF-8), else null: then the
 *     charset is found from the bytes and headers
 */
public record RawRecord(String sourceUri, long sourceOffset, byte[] payload, boolean truncated, FetchMetadata metadata,
    Charset textCharset) implements ReadItem {

  public RawRecord {
    Objects.requireNonNull(sourceUri, "sourceUri");
    Objects.requireNonNull(payload, "payload");
    metadata = metadata == null ? FetchMetadata.NONE : metadata;
  }

  /** A record of raw response bytes. */
  public RawRecord(String sourceUri, long sourceOffset, byte[] payload, boolean truncated, FetchMetadata metadata) {
    this(sourceUri, sourceOffset, payload, truncated, metadata, null);
  }
}
