package io.htmllake.parsers;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * The "detected" step of {@link CharsetResolver}: what the bytes say when nothing declared a
 * charset that can be believed. In order:
 * <ol>
 *   <li>UTF-16/UTF-32 without a BOM, recognised by the NUL bytes that ASCII markup leaves in one lane;
 *   <li>seven-bit bytes with no escape sequences: nothing to detect ({@code null}, the caller's default);
 *   <li>UTF-8, also when a few sequences are broken (a stray byte must not turn a whole page to mojibake);
 *   <li>juniversalchardet (Mozilla's detector): CJK, Cyrillic, Greek, Hebrew, Thai, ISO-2022;
 *   <li>ICU4J's CharsetDetector where juniversalchardet has no model (it answers windows-1252 for
 *       Central European, Turkish and Baltic text, and nothing for some CP932 pages) and to settle
 *       Arabic, which its DOS/Mac Cyrillic models claim.
 * </ol>
 * The detectors see only the text between tags (script and style bodies, comments and tags are
 * skipped), at most {@value #TEXT_BYTES} bytes of it found in the first {@value #SCAN_BYTES} bytes,
 * so the cost per page is bounded whatever its size. Both choices were measured on the chardet
 * corpus and on real pages re-encoded into legacy charsets (see CharsetDetectionTest).
 * Stateless; each call builds its own detectors.
 */
final class CharsetDetection {

  /** How many bytes of text the detectors see: enough for a stable answer on any script. */
  static final int TEXT_BYTES = 64 * 1024;
  /** How far into the page to look for that text: markup-heavy pages need several times more. */
  static final int SCAN_BYTES = 1024 * 1024;
  /** ICU's n-gram pass costs about 0.2 microseconds a byte and its answers stop changing well before this. */
  static final int ICU_TEXT_BYTES = 16 * 1024;
  /** A run of bytes mostly valid as UTF-8 when at most one sequence in this many is broken... */
  static final int UTF8_ERRORS_PER = 100;
  /** ...and at least this many multi-byte sequences are valid. */
  static final int UTF8_MIN_SEQUENCES = 8;

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  /** juniversalchardet answers these for Arabic text too: ICU gets a say (measured on the chardet corpus). */
  private static final Set<String> DOS_MAC_CYRILLIC = Set.of("MACCYRILLIC", "IBM855", "IBM866");
  private static final Set<String> ARABIC = Set.of("windows-1256", "ISO-8859-6");
  private static final int ICU_MIN_ARABIC_CONFIDENCE = 50;

  private CharsetDetection() {}

  /** The charset the bytes are in, or {@code null} when they give no evidence (seven-bit text). */
  static Charset detect(byte[] bytes) {
    return detect(bytes, Utf8Stats.of(bytes));
  }

  /** As {@link #detect(byte[])}, with the UTF-8 statistics of the same bytes already taken. */
  static Charset detect(byte[] bytes, Utf8Stats utf8) {
    Charset wide = utf16or32(bytes);
    if (wide != null) {
      return wide;
    }
    if (utf8.firstHighByte() < 0) {
      // Seven-bit: ISO-2022-* and HZ are the only charsets to find here, by their escapes.
      return hasShiftSequences(bytes) ? fromLibraries(Arrays.copyOf(bytes, Math.min(bytes.length, TEXT_BYTES))) : null;
    }
    if (utf8.mostlyValid()) {
      return StandardCharsets.UTF_8;
    }
    int from = utf8.firstHighByte() < SCAN_BYTES / 2 ? 0 : utf8.firstHighByte();
    Charset detected = fromLibraries(textBytes(bytes, from, TEXT_BYTES, SCAN_BYTES));
    return detected != null ? detected : WINDOWS_1252;
  }

  private static Charset fromLibraries(byte[] text) {
    String mozilla = universalChardet(text);
    Charset fromMozilla = fromDetectorName(mozilla);
    boolean latinFallback = fromMozilla == null || fromMozilla.equals(WINDOWS_1252);
    if (!latinFallback && !DOS_MAC_CYRILLIC.contains(mozilla)) {
      return fromMozilla;
    }
    CharsetMatch icu = icu(Arrays.copyOf(text, Math.min(text.length, ICU_TEXT_BYTES)));
    Charset fromIcu = icu == null ? null : fromDetectorName(icu.getName());
    if (fromIcu == null || fromIcu.name().startsWith("UTF-")) {
      return fromMozilla;
    }
    if (latinFallback) {
      return fromIcu;
    }
    return ARABIC.contains(fromIcu.name()) && icu.getConfidence() >= ICU_MIN_ARABIC_CONFIDENCE ? fromIcu : fromMozilla;
  }

  private static String universalChardet(byte[] text) {
    try {
      UniversalDetector detector = new UniversalDetector();
      detector.handleData(text, 0, text.length);
      detector.dataEnd();
      return detector.getDetectedCharset();
    } catch (RuntimeException e) {
      return null; // a detector bug must cost this page its detection, not the job
    }
  }

  private static CharsetMatch icu(byte[] text) {
    try {
      CharsetDetector detector = new CharsetDetector();
      detector.setText(text);
      return detector.detect();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Maps a detector's answer to the Java charset that decodes such pages as browsers do (WHATWG
   * supersets: EUC-KR as windows-949, GB2312 as GB18030, Shift_JIS as windows-31j, ISO-8859-1 as
   * windows-1252, ...); {@code null} for answers Java cannot decode or that are not web charsets.
   */
  static Charset fromDetectorName(String name) {
    if (name == null) {
      return null;
    }
    String upper = name.toUpperCase(Locale.ROOT);
    if (upper.startsWith("IBM42") || upper.startsWith("X-ISO-10646") || upper.equals("HZ-GB-2312")) {
      return null; // ICU's EBCDIC guesses, UCS-4 in odd byte orders, HZ (Java has no decoder)
    }
    return switch (upper) {
      // Undeclared Hebrew on the web is windows-1255, a superset of ISO-8859-8's letters.
      case "ISO-8859-8", "ISO-8859-8-I" -> Charset.forName("windows-1255");
      case "TIS620" -> Charset.forName("x-windows-874");
      case "MACCYRILLIC" -> Charset.forName("x-MacCyrillic");
      case "EUC-TW" -> Charset.forName("x-EUC-TW");
      default -> CharsetResolver.lookup(name);
    };
  }

  /**
   * The text of a page for a detector: bytes outside tags, comments, and script and style elements,
   * each markup run replaced by one space. Reads from {@code from} to at most {@code scanLimit}
   * bytes further and returns at most {@code limit} bytes. Safe for every ASCII-compatible charset:
   * none of them uses {@code <} or {@code >} inside a multi-byte character.
   */
  static byte[] textBytes(byte[] b, int from, int limit, int scanLimit) {
    int end = (int) Math.min(b.length, (long) from + scanLimit);
    byte[] out = new byte[Math.max(0, Math.min(limit, end - from))];
    int o = 0;
    int i = from;
    while (i < end && o < out.length) {
      byte c = b[i];
      if (c != '<' || i + 1 >= end || !startsMarkup(b[i + 1])) {
        out[o++] = c;
        i++;
        continue;
      }
      if (startsWithIgnoreCase(b, i, end, "<![CDATA[")) {
        i += 9; // keep what a CDATA section holds: feeds put their text there
        continue;
      }
      if (startsWithIgnoreCase(b, i, end, "<!--")) {
        int close = indexOf(b, i + 4, end, "-->");
        i = close < 0 ? end : close + 3;
      } else {
        String rawText = startsWithIgnoreCase(b, i, end, "<script") ? "</script"
            : startsWithIgnoreCase(b, i, end, "<style") ? "</style" : null;
        int gt = i + 1;
        while (gt < end && b[gt] != '>') {
          gt++;
        }
        i = gt + 1;
        if (rawText != null && i < end) {
          int close = indexOf(b, i, end, rawText);
          i = close < 0 ? end : close;
        }
      }
      if (o > 0 && out[o - 1] != ' ') {
        out[o++] = ' ';
      }
    }
    return o == out.length ? out : Arrays.copyOf(out, o);
  }

  private static boolean startsMarkup(byte next) {
    int c = next | 0x20;
    return (c >= 'a' && c <= 'z') || next == '/' || next == '!' || next == '?';
  }

  private static boolean startsWithIgnoreCase(byte[] b, int at, int end, String ascii) {
    if (at + ascii.length() > end) {
      return false;
    }
    for (int k = 0; k < ascii.length(); k++) {
      int c = b[at + k];
      if (c >= 'A' && c <= 'Z') {
        c |= 0x20;
      }
      if (c != Character.toLowerCase(ascii.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] b, int from, int end, String ascii) {
    for (int i = from; i + ascii.length() <= end; i++) {
      if (startsWithIgnoreCase(b, i, end, ascii)) {
        return i;
      }
    }
    return -1;
  }

  /** ISO-2022 escape sequences ({@code ESC $}, {@code ESC (}) or HZ's {@code ~{}. */
  private static boolean hasShiftSequences(byte[] b) {
    int n = Math.min(b.length, SCAN_BYTES);
    for (int i = 0; i + 1 < n; i++) {
      if ((b[i] == 0x1B && (b[i + 1] == '$' || b[i + 1] == '(')) || (b[i] == '~' && b[i + 1] == '{')) {
        return true;
      }
    }
    return false;
  }

  /**
   * UTF-16 or UTF-32 without a byte-order mark: in the first 4 KiB, the markup's ASCII leaves NUL
   * bytes in fixed lanes (every other byte, or three bytes in four) and none in the others.
   */
  static Charset utf16or32(byte[] b) {
    int n = Math.min(b.length, 4096) & ~3;
    if (n < 16) {
      return null;
    }
    int[] zeros = new int[4];
    for (int i = 0; i < n; i++) {
      if (b[i] == 0) {
        zeros[i & 3]++;
      }
    }
    int quarter = n / 4;
    boolean[] nul = new boolean[4];
    boolean[] text = new boolean[4];
    for (int k = 0; k < 4; k++) {
      nul[k] = zeros[k] >= quarter * 7 / 10;
      text[k] = zeros[k] <= quarter / 10;
    }
    if (text[0] && nul[1] && nul[2] && nul[3]) {
      return Charset.forName("UTF-32LE");
    }
    if (nul[0] && nul[1] && nul[2] && text[3]) {
      return Charset.forName("UTF-32BE");
    }
    if (text[0] && nul[1] && text[2] && nul[3]) {
      return StandardCharsets.UTF_16LE;
    }
    if (nul[0] && text[1] && nul[2] && text[3]) {
      return StandardCharsets.UTF_16BE;
    }
    return null;
  }

  /**
   * One pass over the bytes as UTF-8: valid multi-byte sequences, broken ones (no overlong forms,
   * surrogates or code points above U+10FFFF), and where the first byte above 0x7F is. An
   * incomplete sequence at the very end is not counted as broken: a payload cut at the byte limit
   * may end inside one.
   */
  record Utf8Stats(int firstHighByte, int valid, int invalid) {

    boolean isValid() {
      return invalid == 0;
    }

    boolean mostlyValid() {
      return invalid == 0 ? valid > 0 : valid >= UTF8_MIN_SEQUENCES && (long) invalid * UTF8_ERRORS_PER <= valid;
    }

    static Utf8Stats of(byte[] b) {
      int firstHigh = -1;
      int valid = 0;
      int invalid = 0;
      int i = 0;
      int n = b.length;
      while (i < n) {
        int c = b[i];
        if (c >= 0) {
          i++;
          continue;
        }
        if (firstHigh < 0) {
          firstHigh = i;
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
          invalid++;
          i++;
          continue;
        }
        if (i + need >= n) {
          boolean prefix = true;
          for (int k = i + 1; k < n; k++) {
            prefix &= (b[k] & 0xC0) == 0x80;
          }
          if (!prefix) {
            invalid++;
          }
          break;
        }
        int cp = c & (0x3F >> need);
        int k = 1;
        for (; k <= need; k++) {
          int cc = b[i + k] & 0xFF;
          if ((cc & 0xC0) != 0x80) {
            break;
          }
          cp = (cp << 6) | (cc & 0x3F);
        }
        if (k <= need || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          invalid++;
          i += k; // resume at the byte that broke the sequence
          continue;
        }
        valid++;
        i += need + 1;
      }
      return new Utf8Stats(firstHigh, valid, invalid);
    }
  }
}
