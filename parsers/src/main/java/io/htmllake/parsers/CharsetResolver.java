package io.htmllake.parsers;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the charset of an HTML payload: byte-order mark, then the HTTP Content-Type charset,
 * then a {@code <meta>} declaration in the first {@value #META_SCAN_BYTES} bytes, then detection,
 * then the default. A declared UTF-8 that the bytes are not valid in is not believed (the most
 * common lie on the web); other declarations cannot be checked and are taken as given.
 */
public final class CharsetResolver {

  static final int META_SCAN_BYTES = 8192;
  /** The HTML standard's default for documents with no declaration in most locales. */
  public static final Charset DEFAULT = Charset.forName("windows-1252");

  private static final Pattern CHARSET_PARAM = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([^\"'\\s;,>/]+)");
  private static final Pattern META_TAG = Pattern.compile("(?i)<meta\\s[^>]*>");
  private static final Pattern META_CHARSET_ATTR = Pattern.compile("(?i)\\scharset\\s*=\\s*[\"']?([^\"'\\s;,>/]+)");
  private static final Pattern HTTP_EQUIV = Pattern.compile("(?i)http-equiv\\s*=\\s*[\"']?content-type");
  private static final Pattern CONTENT_ATTR = Pattern.compile("(?i)content\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)");

  /** The outcome: which charset, where it came from, and how many leading BOM bytes to skip. */
  public record Resolution(Charset charset, CharsetSource source, int bomLength) {}

  private CharsetResolver() {}

  public static Resolution resolve(byte[] bytes, String contentTypeHeader) {
    Resolution bom = fromBom(bytes);
    if (bom != null) {
      return bom;
    }
    Charset http = contentTypeHeader == null ? null : charsetParam(contentTypeHeader);
    if (http != null && believable(http, bytes)) {
      return new Resolution(http, CharsetSource.HTTP, 0);
    }
    Charset meta = fromMeta(bytes);
    if (meta != null && believable(meta, bytes)) {
      return new Resolution(meta, CharsetSource.META, 0);
    }
    if (hasNonAscii(bytes) && isValidUtf8(bytes)) {
      return new Resolution(StandardCharsets.UTF_8, CharsetSource.DETECTED, 0);
    }
    return new Resolution(DEFAULT, CharsetSource.DEFAULT, 0);
  }

  /** Decodes with the resolved charset; malformed sequences become U+FFFD, never an exception. */
  public static String decode(byte[] bytes, Resolution resolution) {
    return new String(bytes, resolution.bomLength(), bytes.length - resolution.bomLength(), resolution.charset());
  }

  static Resolution fromBom(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return new Resolution(StandardCharsets.UTF_8, CharsetSource.BOM, 3);
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return new Resolution(StandardCharsets.UTF_16BE, CharsetSource.BOM, 2);
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return new Resolution(StandardCharsets.UTF_16LE, CharsetSource.BOM, 2);
    }
    return null;
  }

  static Charset charsetParam(String contentType) {
    Matcher m = CHARSET_PARAM.matcher(contentType);
    return m.find() ? lookup(m.group(1)) : null;
  }

  static Charset fromMeta(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, META_SCAN_BYTES), StandardCharsets.ISO_8859_1);
    Matcher tags = META_TAG.matcher(head);
    while (tags.find()) {
      String tag = tags.group();
      Matcher direct = META_CHARSET_ATTR.matcher(tag);
      if (direct.find() && !tag.toLowerCase(Locale.ROOT).contains("content=")) {
        Charset cs = lookup(direct.group(1));
        if (cs != null) {
          return cs;
        }
      }
      if (HTTP_EQUIV.matcher(tag).find()) {
        Matcher content = CONTENT_ATTR.matcher(tag);
        if (content.find()) {
          Charset cs = charsetParam(content.group(1));
          if (cs != null) {
            return cs;
          }
        }
      } else if (direct.find(0)) {
        Charset cs = lookup(direct.group(1));
        if (cs != null) {
          return cs;
        }
      }
    }
    return null;
  }

  /**
   * Maps a declared label to a Java charset, following the WHATWG Encoding Standard where it
   * differs from IANA names (ISO-8859-1 and US-ASCII mean windows-1252 on the web; a UTF-16
   * declaration inside an ASCII-compatible document means UTF-8).
   */
  static Charset lookup(String label) {
    String name = label.trim().toLowerCase(Locale.ROOT);
    switch (name) {
      case "iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1", "l1", "cp1252" -> name = "windows-1252";
      case "utf-16", "utf-16le", "utf-16be", "utf8", "unicode-1-1-utf-8" -> name = "utf-8";
      case "x-sjis", "shift-jis", "sjis", "ms_kanji" -> name = "shift_jis";
      case "gb2312", "gb_2312-80", "x-gbk" -> name = "gbk";
      case "ks_c_5601-1987", "korean", "euc-kr" -> name = "x-windows-949";
      default -> { }
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  private static boolean believable(Charset charset, byte[] bytes) {
    return !charset.equals(StandardCharsets.UTF_8) || isValidUtf8(bytes);
  }

  static boolean hasNonAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Strict UTF-8 validation (no overlong forms, surrogates or code points above U+10FFFF), with a
   * fast path for ASCII. An incomplete sequence at the very end is allowed: a payload cut at the
   * byte limit may end inside one.
   */
  static boolean isValidUtf8(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xFF;
      int need;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + need >= n) {
        // Not enough bytes left: fine only if what is there is a valid prefix at the end.
        for (int k = i + 1; k < n; k++) {
          if ((b[k] & 0xC0) != 0x80) {
            return false;
          }
        }
        return true;
      }
      int cp = c & (0x3F >> need);
      for (int k = 1; k <= need; k++) {
        int cc = b[i + k] & 0xFF;
        if ((cc & 0xC0) != 0x80) {
          return false;
        }
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return false;
      }
      i += need + 1;
    }
    return true;
  }
}
