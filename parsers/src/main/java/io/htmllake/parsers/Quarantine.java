package io.htmllake.parsers;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record that could not become a row, kept with enough of its bytes to look at.
 *
 * @param sourceUri the raw object
 * @param sourceOffset the record's offset in it
 * @param url the record's URL when known
 * @param stage read, decode, parse or extract
 * @param reason a stable code
 * @param detail human-readable detail
 * @param payloadBytes bytes of payload as far as it was read
 * @param payloadHead the first {@link #HEAD_BYTES} bytes of the payload
 */
public record Quarantine(String sourceUri, long sourceOffset, String url, Stage stage, String reason, String detail,
    long payloadBytes, byte[] payloadHead) implements RecordOutcome, ReadItem {

  public static final int HEAD_BYTES = 1024;

  /** Where in the pipeline the record failed. */
  public enum Stage {
    READ, DECODE, PARSE, EXTRACT;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Quarantine {
    Objects.requireNonNull(sourceUri, "sourceUri");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(reason, "reason");
    payloadHead = payloadHead == null ? new byte[0] : payloadHead;
  }

  public static Quarantine of(String sourceUri, long offset, String url, Stage stage, String reason, String detail, byte[] payload) {
    byte[] data = payload == null ? new byte[0] : payload;
    return new Quarantine(sourceUri, offset, url, stage, reason, detail, data.length,
        Arrays.copyOf(data, Math.min(HEAD_BYTES, data.length)));
  }

  public static Quarantine of(RawRecord record, Stage stage, String reason, String detail) {
    return of(record.sourceUri(), record.sourceOffset(), record.metadata().url(), stage, reason, detail, record.payload());
  }
}
