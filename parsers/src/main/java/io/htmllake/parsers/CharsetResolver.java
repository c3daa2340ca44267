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
 * then an in-document declaration ({@code <meta>} in the first {@value #META_SCAN_BYTES} bytes, or
 * an XML declaration at the very start), then {@link CharsetDetection detection}, then the default.
 *
 * <p>Labels are read as the WHATWG Encoding Standard reads them (ISO-8859-1 means windows-1252,
 * EUC-KR means windows-949, ...); a label Java cannot decode counts as no declaration. Declarations
 * that the bytes contradict are not believed and detection decides instead: UTF-8 where the bytes
 * are not UTF-8 (the most common lie on the web), any other charset where the bytes are clean
 * UTF-8 with several multi-byte characters (the second most common: a server or template still
 * saying ISO-8859-1), and UTF-16/32 where the bytes do not have their NUL pattern.
 */
public final class CharsetResolver {

  static final int META_SCAN_BYTES = 8192;
  /** The HTML standard's default for documents with no declaration in most locales. */
  public static final Charset DEFAULT = Charset.forName("windows-1252");
  /** Clean UTF-8 with at least this many multi-byte characters outweighs a legacy declaration. */
  static final int UTF8_OVERRULES_DECLARATION = 4;

  private static final Pattern CHARSET_PARAM = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([^\"'\\s;,>/]+)");
  private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?(-->|$)");
  private static final Pattern META_TAG = Pattern.compile("(?i)<meta[\\s/][^>]*>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([^\\s\"'>/=]+)(?:\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+))?");
  private static final Pattern XML_DECLARATION =
      Pattern.compile("^\\s{0,64}<\\?xml\\s[^>]{0,200}?encoding\\s*=\\s*[\"']([^\"']+)[\"']");

  /** The outcome: which charset, where it came from, and how many leading BOM bytes to skip. */
  public record Resolution(Charset charset, CharsetSource source, int bomLength) {}

  private CharsetResolver() {}

  public static Resolution resolve(byte[] bytes, String contentTypeHeader) {
    Resolution bom = fromBom(bytes);
    if (bom != null) {
      return bom;
    }
    Utf8Stats utf8 = Utf8Stats.of(bytes);
    Charset http = contentTypeHeader == null ? null : believable(charsetParam(contentTypeHeader), bytes, utf8);
    if (http != null) {
      return new Resolution(http, CharsetSource.HTTP, 0);
    }
    Charset declared = believable(inDocument(fromMeta(bytes)), bytes, utf8);
    if (declared == null) {
      declared = believable(inDocument(fromXmlDeclaration(bytes)), bytes, utf8);
    }
    if (declared != null) {
      return new Resolution(declared, CharsetSource.META, 0);
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
    // UTF-32 before UTF-16: FF FE 00 00 starts with the UTF-16LE mark.
    if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
      return new Resolution(Charset.forName("UTF-32LE"), CharsetSource.BOM, 4);
    }
    if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
      return new Resolution(Charset.forName("UTF-32BE"), CharsetSource.BOM, 4);
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

  /**
   * The first usable {@code <meta>} declaration, as the HTML standard's prescan finds it: a
   * {@code charset} attribute, or {@code http-equiv="content-type"} with a charset in
   * {@code content}; comments are skipped, and a {@code content} charset without the
   * {@code http-equiv} does not count.
   */
  static Charset fromMeta(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, META_SCAN_BYTES), StandardCharsets.ISO_8859_1);
    Matcher tags = META_TAG.matcher(COMMENT.matcher(head).replaceAll(""));
    while (tags.find()) {
      String charset = null;
      String content = null;
      boolean contentType = false;
      Matcher attr = ATTRIBUTE.matcher(tags.group().substring(5));
      while (attr.find()) {
        String name = attr.group(1).toLowerCase(Locale.ROOT);
        String value = unquote(attr.group(2));
        switch (name) {
          case "charset" -> charset = charset == null ? value : charset;
          case "content" -> content = content == null ? value : content;
          case "http-equiv" -> contentType |= value.trim().equalsIgnoreCase("content-type");
          default -> { }
        }
      }
      Charset cs = charset != null ? lookup(charset)
          : contentType && content != null ? charsetParam(content) : null;
      if (cs != null) {
        return cs;
      }
    }
    return null;
  }

  /** {@code <?xml version="1.0" encoding="..."?>} at the start (XHTML, and feeds served as pages). */
  static Charset fromXmlDeclaration(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.ISO_8859_1);
    Matcher m = XML_DECLARATION.matcher(head);
    return m.find() ? lookup(m.group(1)) : null;
  }

  private static String unquote(String value) {
    if (value == null) {
      return "";
    }
    boolean quoted = value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'');
    return quoted ? value.substring(1, value.length() - 1) : value;
  }

  /**
   * A declaration inside an ASCII-compatible document cannot be UTF-16 or UTF-32 (it would not
   * have been readable): the HTML standard reads it as UTF-8.
   */
  private static Charset inDocument(Charset declared) {
    return declared != null && isWide(declared) ? StandardCharsets.UTF_8 : declared;
  }

  /**
   * The declared charset, adjusted, if the bytes do not contradict it; {@code null} otherwise. A
   * UTF-16/32 declaration takes its byte order from the bytes' NUL pattern.
   */
  private static Charset believable(Charset declared, byte[] bytes, Utf8Stats utf8) {
    if (declared == null) {
      return null;
    }
    if (isWide(declared)) {
      Charset wide = CharsetDetection.utf16or32(bytes);
      boolean sameWidth = wide != null && wide.name().startsWith(declared.name().substring(0, 6));
      return sameWidth ? wide : null;
    }
    if (declared.equals(StandardCharsets.UTF_8)) {
      return utf8.firstHighByte() < 0 || utf8.mostlyValid() ? declared : null;
    }
    boolean cleanUtf8 = utf8.isValid() && utf8.valid() >= UTF8_OVERRULES_DECLARATION;
    return cleanUtf8 ? null : declared;
  }

  private static boolean isWide(Charset cs) {
    return cs.name().startsWith("UTF-16") || cs.name().startsWith("UTF-32");
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
      "UTF-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8",
      "UTF-16LE", "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le",
      "UTF-16BE", "unicodefffe utf-16be",
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
