package io.htmllake.parsers;

import io.htmllake.parsers.CharsetDetection.Utf8Stats;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the charset of an HTML payload: byte-order mark, then the HTTP Content-Type charset,
 * then a {@code <meta>} declaration in the first {@value #META_SCAN_BYTES} bytes, then
 * {@link CharsetDetection detection}, then the default. Labels are read as the WHATWG Encoding
 * Standard reads them (ISO-8859-1 means windows-1252, EUC-KR means windows-949, ...); a label Java
 * cannot decode counts as no declaration. A declared UTF-8 that the bytes are not (mostly) valid in
 * is not believed (the most common lie on the web); other declarations cannot be checked and are
 * taken as given.
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
    Utf8Stats utf8 = Utf8Stats.of(bytes);
    Charset http = contentTypeHeader == null ? null : charsetParam(contentTypeHeader);
    if (http != null && believable(http, utf8)) {
      return new Resolution(http, CharsetSource.HTTP, 0);
    }
    Charset meta = fromMeta(bytes);
    if (meta != null && believable(meta, utf8)) {
      return new Resolution(meta, CharsetSource.META, 0);
    }
    Charset detected = CharsetDetection.detect(bytes, utf8);
    return detected != null
        ? new Resolution(detected, CharsetSource.DETECTED, 0)
        : new Resolution(DEFAULT, CharsetSource.DEFAULT, 0);
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

  private static boolean believable(Charset charset, Utf8Stats utf8) {
    return !charset.equals(StandardCharsets.UTF_8) || utf8.firstHighByte() < 0 || utf8.mostlyValid();
  }

  private static final Map<String, String> WHATWG_LABELS = labels(
      "windows-1252", "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591"
          + " iso_8859-1 iso_8859-1:1987 l1 latin1 latin-1 us-ascii windows-1252 x-cp1252",
      "windows-1254", "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5"
          + " latin5 windows-1254 x-cp1254",
      "x-windows-874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 tis620 windows-874",
      "GB18030", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk gb18030",
      "Big5-HKSCS", "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
      "windows-31j", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
      "x-windows-949", "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601"
          + " ksc_5601 windows-949",
      "EUC-JP", "cseucpkdfmtjapanese euc-jp x-euc-jp",
      "ISO-2022-JP", "csiso2022jp iso-2022-jp",
      // A UTF-16 declaration inside an ASCII-compatible document means UTF-8.
      "UTF-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8 utf-16 utf-16le utf-16be",
      "KOI8-R", "cskoi8r koi koi8 koi8-r koi8_r",
      "KOI8-U", "koi8-ru koi8-u",
      "x-MacRoman", "csmacintosh mac macintosh x-mac-roman",
      "x-MacCyrillic", "x-mac-cyrillic x-mac-ukrainian",
      "ISO-8859-8", "csiso88598i iso-8859-8-i logical",
      "IBM866", "866 cp866 csibm866 ibm866",
      // x-user-defined maps high bytes to private-use code points; what pages mean by it is windows-1252.
      "windows-1252", "x-user-defined");
  private static final Pattern ISO_8859 = Pattern.compile("iso[-_]?8859[-_]?(\\d{1,2})");
  private static final Pattern WINDOWS_125X = Pattern.compile("(?:x-)?cp(125\\d)");

  private static Map<String, String> labels(String... javaNameThenLabels) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < javaNameThenLabels.length; i += 2) {
      for (String label : javaNameThenLabels[i + 1].split(" ")) {
        map.put(label, javaNameThenLabels[i]);
      }
    }
    return map;
  }

  /**
   * Maps a declared label to the Java charset that decodes it as browsers do (WHATWG Encoding
   * Standard): ISO-8859-1 and US-ASCII as windows-1252, GB2312 as GB18030, EUC-KR as windows-949,
   * Shift_JIS as windows-31j, Big5 with the HKSCS additions, TIS-620 as windows-874. Other labels
   * go to Java as they are; {@code null} when Java does not know them. Unlike browsers, the
   * ISO-2022-KR/CN labels decode with Java's decoders rather than to a replacement character.
   */
  static Charset lookup(String label) {
    String name = label.trim().toLowerCase(Locale.ROOT);
    Matcher iso = ISO_8859.matcher(name);
    if (iso.matches()) {
      name = "iso-8859-" + iso.group(1);
    }
    Matcher windows = WINDOWS_125X.matcher(name);
    if (windows.matches()) {
      name = "windows-" + windows.group(1);
    }
    String java = WHATWG_LABELS.getOrDefault(name, name);
    try {
      return Charset.forName(java);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }
}
