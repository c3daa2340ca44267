package io.htmllake.parsers;

import java.util.Locale;

/** What a raw-zone object is, by its name (magic bytes are checked again when it is read). */
public enum ObjectKind {
  /** {@code *.html}, {@code *.htm}, {@code *.html.gz}, {@code *.htm.gz}: one page an object. */
  HTML,
  /** {@code <page name>.meta.json}: fetch metadata of the page beside it. */
  SIDECAR,
  /** {@code *.warc}, {@code *.warc.gz} (WARC 1.0/1.1), and the older {@code *.arc}, {@code *.arc.gz}. */
  WARC,
  /** {@code *.jsonl}, {@code *.ndjson}, optionally {@code .gz}: one fetch a line. */
  JSONL,
  /** Anything else: counted and skipped. */
  OTHER;

  public static final String SIDECAR_SUFFIX = ".meta.json";

  public static ObjectKind of(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(SIDECAR_SUFFIX)) {
      return SIDECAR;
    }
    if (n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".html.gz") || n.endsWith(".htm.gz")) {
      return HTML;
    }
    if (n.endsWith(".warc") || n.endsWith(".warc.gz") || n.endsWith(".arc") || n.endsWith(".arc.gz")) {
      return WARC;
    }
    if (n.endsWith(".jsonl") || n.endsWith(".jsonl.gz") || n.endsWith(".ndjson") || n.endsWith(".ndjson.gz")) {
      return JSONL;
    }
    return OTHER;
  }

  /** Name of the object a sidecar describes. */
  public static String pageOfSidecar(String sidecarName) {
    return sidecarName.substring(0, sidecarName.length() - SIDECAR_SUFFIX.length());
  }

  /** True for hidden or marker files a raw zone carries that are no records (_SUCCESS, .crc, ...). */
  public static boolean isHidden(String fileName) {
    return fileName.startsWith(".") || fileName.startsWith("_");
  }
}
