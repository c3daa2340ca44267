package io.htmllake.parsers;

import java.util.Objects;

/**
 * A record skipped by rule (not a failure), counted by kind in the run manifest.
 *
 * @param sourceUri the raw object
 * @param kind stable kind code, e.g. {@code unsupported_object}, {@code orphan_sidecar}
 */
public record Skipped(String sourceUri, String kind) implements RecordOutcome, ReadItem {
  public Skipped {
    Objects.requireNonNull(sourceUri, "sourceUri");
    Objects.requireNonNull(kind, "kind");
  }
}
