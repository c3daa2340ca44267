package io.htmllake.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The metadata evaluation's normalisation, field by field. */
class MetadataMatchTest {

  @Test
  void textIsNfkcSquashedLowerCase() {
    assertEquals("the first title", MetadataMatch.text("  The \u00a0ﬁrst\n Title "));
    assertNull(MetadataMatch.text(" \n "));
    assertNull(MetadataMatch.text(null));
  }

  @Test
  void authorsAreSetsOfNamesWithoutBy() {
    assertEquals(Set.of("ana sandoiu"), MetadataMatch.authors("By Ana Sandoiu"));
    assertEquals(Set.of("kevin sack", "sheri fink"), MetadataMatch.authors("Sheri Fink and KEVIN SACK"));
    assertEquals(MetadataMatch.authors("Kevin Sack; Sheri Fink"), MetadataMatch.authors("Sheri Fink, Kevin Sack"));
    assertEquals(Set.of("sébastien farcis"), MetadataMatch.authors("Par Sébastien Farcis"));
    assertEquals(Set.of("mac", "i"), MetadataMatch.authors("Mac & i"));
    assertEquals(Set.of(), MetadataMatch.authors(null));
  }

  @Test
  void expectedDaysMoveToUtcOnlyWhenTheyCarryAnOffset() {
    assertEquals(LocalDate.of(2021, 11, 2), MetadataMatch.expectedDay("2021-11-02"));
    assertEquals(LocalDate.of(2017, 11, 3), MetadataMatch.expectedDay("2017-11-03 03:01:00.000000"));
    assertEquals(LocalDate.of(2021, 11, 1), MetadataMatch.expectedDay("2021-11-01T10:52:50+0100"));
    assertEquals(LocalDate.of(2015, 7, 10), MetadataMatch.expectedDay("2015-07-10T09:53:00-04:00"));
    assertEquals(LocalDate.of(2015, 7, 11), MetadataMatch.expectedDay("2015-07-10T21:53:00-04:00"));
    assertEquals(LocalDate.of(2014, 11, 23), MetadataMatch.expectedDay("2014-11-23T16:00:00+04:00"));
    assertEquals(LocalDate.of(2014, 11, 22), MetadataMatch.expectedDay("2014-11-23T02:00:00+04:00"));
    assertEquals(LocalDate.of(2019, 1, 3), MetadataMatch.expectedDay("2019-01-03T07:00:02.000Z"));
    assertEquals(LocalDate.of(2014, 11, 23), MetadataMatch.expectedDay("Sun Nov 23 16:00:00 EDT 2014"));
    assertNull(MetadataMatch.expectedDay("yesterday"));
    assertEquals(LocalDate.of(2024, 2, 29), MetadataMatch.day(Instant.parse("2024-02-29T22:30:00Z")));
  }

  @Test
  void languagesCompareByPrimarySubtag() {
    assertEquals("en", MetadataMatch.language("en-US"));
    assertEquals("zh", MetadataMatch.language("zh_TW"));
    assertNull(MetadataMatch.language(""));
  }
}
