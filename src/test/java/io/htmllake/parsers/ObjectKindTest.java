package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectKindTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(textBlock = """
      page.html,            HTML
      PAGE.HTM,             HTML
      page.html.gz,         HTML
      page.Htm.GZ,          HTML
      page.html.meta.json,  SIDECAR
      page.HTML.META.JSON,  SIDECAR
      crawl.warc,           WARC
      crawl.warc.gz,        WARC
      CRAWL.ARC.GZ,         WARC
      fetches.jsonl,        JSONL
      fetches.ndjson.gz,    JSONL
      fetches.json,         OTHER
      crawl.cdx.gz,         OTHER
      page.html.bak,        OTHER
      page.gz,              OTHER
      html,                 OTHER
      """)
  void byName(String name, ObjectKind expected) {
    assertEquals(expected, ObjectKind.of(name));
  }

  @Test
  void pageOfSidecar() {
    assertEquals("s3://raw/dt=2024-05-01/a/page.html.gz", ObjectKind.pageOfSidecar("s3://raw/dt=2024-05-01/a/page.html.gz.meta.json"));
  }

  @Test
  void hiddenAndMarkerFiles() {
    assertTrue(ObjectKind.isHidden("_SUCCESS"));
    assertTrue(ObjectKind.isHidden(".page.html.crc"));
    assertFalse(ObjectKind.isHidden("page.html"));
  }
}
