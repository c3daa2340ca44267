package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Helpers behind author and published time that the page-level tests reach only indirectly. */
class MetadataTest {

  @Test
  void parseInstantRejectsBlankAndOverlongValues() {
    assertNull(Metadata.parseInstant(null));
    assertNull(Metadata.parseInstant("   "));
    assertNull(Metadata.parseInstant("2024-03-05T10:15:00Z" + " ".repeat(10) + "x".repeat(30)));
  }
}
