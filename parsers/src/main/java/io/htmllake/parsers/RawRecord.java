package io.htmllake.parsers;

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
 */
public record RawRecord(String sourceUri, long sourceOffset, byte[] payload, boolean truncated, FetchMetadata metadata)
    implements ReadItem {

  public RawRecord {
    Objects.requireNonNull(sourceUri, "sourceUri");
    Objects.requireNonNull(payload, "payload");
    metadata = metadata == null ? FetchMetadata.NONE : metadata;
  }
}
