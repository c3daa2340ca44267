package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Declarations: BOM, then HTTP, then {@code <meta>} / XML declaration, and which labels mean what. */
class CharsetResolverTest {

  private static final String CAFE = "Café crème à l'hôtel, garçon! ";

  private static byte[] bytes(String s, String charset) {
    return s.getBytes(Charset.forName(charset));
  }

  private static CharsetResolver.Resolution resolve(byte[] bytes, String contentType) {
    return CharsetResolver.resolve(bytes, contentType);
  }

  @Test
  void byteOrderMarkBeatsHttpAndMeta() {
    byte[] page = bytes("\uFEFF<meta charset=\"windows-1251\"><p>" + CAFE, "UTF-8");

    CharsetResolver.Resolution r = resolve(page, "text/html; charset=ISO-8859-1");

    assertEquals(StandardCharsets.UTF_8, r.charset());
    assertEquals(CharsetSource.BOM, r.source());
    assertEquals("<meta charset=\"windows-1251\"><p>" + CAFE, CharsetResolver.decode(page, r));
  }

  @Test
  void utf32ByteOrderMarkIsNotMistakenForUtf16() {
    byte[] page = bytes("\uFEFF<p>" + CAFE, "UTF-32LE");

    CharsetResolver.Resolution r = resolve(page, null);

    assertEquals(Charset.forName("UTF-32LE"), r.charset());
    assertEquals(4, r.bomLength());
    assertEquals("<p>" + CAFE, CharsetResolver.decode(page, r));
  }

  @Test
  void httpBeatsMeta() {
    CharsetResolver.Resolution r = resolve(bytes("<meta charset=\"utf-8\"><p>" + CAFE, "windows-1252"),
        "text/html; charset=\"windows-1252\"");

    assertEquals(Charset.forName("windows-1252"), r.charset());
    assertEquals(CharsetSource.HTTP, r.source());
  }

  @Test
  void metaBeatsDetection() {
    CharsetResolver.Resolution r = resolve(bytes("<meta charset=\"iso-8859-15\"><p>" + CAFE + "€", "ISO-8859-15"), null);

    assertEquals(Charset.forName("ISO-8859-15"), r.charset());
    assertEquals(CharsetSource.META, r.source());
  }

  @Test
  void httpEquivContentTypeCounts() {
    CharsetResolver.Resolution r = resolve(bytes(
        "<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=KOI8-R'><p>Привет", "KOI8-R"), null);

    assertEquals(Charset.forName("KOI8-R"), r.charset());
    assertEquals(CharsetSource.META, r.source());
  }

  @Test
  void aCharsetInsideOtherMetaContentIsNotADeclaration() {
    byte[] page = bytes("<meta name=\"description\" content=\"pages; charset=koi8-r\"><!-- <meta charset=big5> -->"
        + "<meta charset=\"windows-1250\"><p>Příliš žluťoučký kůň", "windows-1250");

    CharsetResolver.Resolution r = resolve(page, null);

    assertEquals(Charset.forName("windows-1250"), r.charset());
    assertEquals(CharsetSource.META, r.source());
  }

  @Test
  void xmlDeclarationCountsWhenThereIsNoMeta() {
    byte[] page = bytes("<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?>\n<html><p>Zażółć gęślą jaźń", "ISO-8859-2");

    CharsetResolver.Resolution r = resolve(page, null);

    assertEquals(Charset.forName("ISO-8859-2"), r.charset());
    assertEquals(CharsetSource.META, r.source());
  }

  @Test
  void metaUtf16MeansUtf8() {
    CharsetResolver.Resolution r = resolve(bytes("<meta charset=\"utf-16\"><p>" + CAFE, "UTF-8"), null);

    assertEquals(StandardCharsets.UTF_8, r.charset());
    assertEquals(CharsetSource.META, r.source());
  }

  @Test
  void httpUtf16IsBelievedWhenTheBytesAreUtf16AndTakesTheirByteOrder() {
    byte[] page = bytes("<html><p>" + CAFE + "</p></html>", "UTF-16BE");

    CharsetResolver.Resolution r = resolve(page, "text/html; charset=utf-16");

    assertEquals(StandardCharsets.UTF_16BE, r.charset());
    assertEquals(CharsetSource.HTTP, r.source());
    assertTrue(CharsetResolver.decode(page, r).contains(CAFE));
  }

  @Test
  void httpUtf16IsNotBelievedForAsciiCompatibleBytes() {
    CharsetResolver.Resolution r = resolve(bytes("<p>" + CAFE, "windows-1252"), "text/html; charset=utf-16");

    assertEquals(CharsetSource.DETECTED, r.source());
    assertEquals(Charset.forName("windows-1252"), r.charset());
  }

  @Test
  void declaredUtf8ThatIsNotUtf8IsNotBelieved() {
    String text = "<meta charset=\"utf-8\"><p>Москва является столицей России. Это крупнейший город страны.";

    CharsetResolver.Resolution r = resolve(bytes(text, "windows-1251"), "text/html; charset=utf-8");

    assertEquals(Charset.forName("windows-1251"), r.charset());
    assertEquals(CharsetSource.DETECTED, r.source());
  }

  @Test
  void declaredLatin1ThatIsCleanUtf8IsNotBelieved() {
    CharsetResolver.Resolution r = resolve(bytes("<meta charset=\"iso-8859-1\"><p>" + CAFE, "UTF-8"),
        "text/html; charset=ISO-8859-1");

    assertEquals(StandardCharsets.UTF_8, r.charset());
    assertEquals(CharsetSource.DETECTED, r.source());
  }

  @Test
  void aFewUtf8LookingBytesDoNotOverruleADeclaration() {
    // "Ã©" is what a windows-1252 page shows when it quotes mojibake: one valid UTF-8 pair, not evidence.
    CharsetResolver.Resolution r = resolve(bytes("<meta charset=\"windows-1252\"><p>Ã© means é", "windows-1252"), null);

    assertEquals(Charset.forName("windows-1252"), r.charset());
    assertEquals(CharsetSource.META, r.source());
  }

  @Test
  void utf16ByteOrderMarksAreSkippedWhenDecoding() {
    // "<p>é</p>" as UTF-16LE: each ASCII character is followed by 0x00, é is 0xE9 0x00.
    byte[] page = {(byte) 0xFF, (byte) 0xFE, '<', 0, 'p', 0, '>', 0, (byte) 0xE9, 0, '<', 0, '/', 0, 'p', 0, '>', 0};

    CharsetResolver.Resolution r = resolve(page, null);

    assertEquals(StandardCharsets.UTF_16LE, r.charset());
    assertEquals(CharsetSource.BOM, r.source());
    assertEquals(2, r.bomLength());
    assertEquals("<p>é</p>", CharsetResolver.decode(page, r));
  }

  @Test
  void utf16BigEndianByteOrderMarkBeatsAMetaInside() {
    byte[] page = bytes("\uFEFF<meta charset=\"windows-1252\"><title>Café €</title>", "UTF-16BE");

    CharsetResolver.Resolution r = resolve(page, null);

    assertEquals(StandardCharsets.UTF_16BE, r.charset());
    assertEquals(CharsetSource.BOM, r.source());
    assertEquals("<meta charset=\"windows-1252\"><title>Café €</title>", CharsetResolver.decode(page, r));
  }

  @ParameterizedTest
  @CsvSource(nullValues = "NULL", delimiter = '|', textBlock = """
      text/html; charset=utf-8              | UTF-8
      Text/HTML;Charset="UTF-8"             | UTF-8
      text/html;charset="windows-1251"      | windows-1251
      text/html; charset='koi8-r'; q=1      | KOI8-R
      text/html; charset=x-no-such-charset  | NULL
      text/html                             | NULL
      """)
  void httpCharsetParameter(String contentType, String expected) {
    Charset charset = CharsetResolver.charsetParam(contentType);

    assertEquals(expected, charset == null ? null : charset.name());
  }

  @Test
  void aDisbelievedHttpUtf8FallsThroughToTheMeta() {
    // "café €" in ISO-8859-15: neither 0xE9 nor 0xA4 can be UTF-8 here.
    byte[] page = bytes("<meta charset=\"iso-8859-15\"><p>café €", "ISO-8859-15");

    CharsetResolver.Resolution r = resolve(page, "text/html; charset=utf-8");

    assertEquals(Charset.forName("ISO-8859-15"), r.charset());
    assertEquals(CharsetSource.META, r.source());
    assertTrue(CharsetResolver.decode(page, r).endsWith("café €"));
  }

  @Test
  void anUnknownHttpCharsetFallsThroughToTheMeta() {
    CharsetResolver.Resolution r = resolve(bytes("<meta charset=\"utf-8\"><p>" + CAFE, "UTF-8"),
        "text/html; charset=x-no-such-charset");

    assertEquals(StandardCharsets.UTF_8, r.charset());
    assertEquals(CharsetSource.META, r.source());
  }

  @Test
  void unquotedMetaCharset() {
    CharsetResolver.Resolution r = resolve(bytes("<meta charset=utf-8><p>" + CAFE, "UTF-8"), null);

    assertEquals(StandardCharsets.UTF_8, r.charset());
    assertEquals(CharsetSource.META, r.source());
  }

  @Test
  void httpEquivMayComeAfterContent() {
    byte[] page = bytes("<META CONTENT='text/html;charset=windows-1251' HTTP-EQUIV='content-type'><p>Да", "windows-1251");

    CharsetResolver.Resolution r = resolve(page, null);

    assertEquals(Charset.forName("windows-1251"), r.charset());
    assertEquals(CharsetSource.META, r.source());
    assertTrue(CharsetResolver.decode(page, r).endsWith("Да"));
  }

  @Test
  void theFirstUsableMetaWins() {
    CharsetResolver.Resolution r = resolve(bytes(
        "<meta charset=\"bogus\"><meta charset=\"utf-8\"><meta charset=\"koi8-r\"><p>" + CAFE, "UTF-8"), null);

    assertEquals(StandardCharsets.UTF_8, r.charset());
    assertEquals(CharsetSource.META, r.source());
  }

  @Test
  void anUnquotedCharsetRunsUpToTheTagEndSoASlashSpoilsIt() {
    // As in the HTML prescan (and the tokenizer), the value is "utf-8/", which is no label.
    CharsetResolver.Resolution r = resolve(bytes("<meta charset=utf-8/><p>" + CAFE, "UTF-8"), null);

    assertEquals(StandardCharsets.UTF_8, r.charset());
    assertEquals(CharsetSource.DETECTED, r.source());
  }

  @Test
  void aMetaAfterTheScanWindowIsIgnored() {
    String padding = "<!--" + "x".repeat(CharsetResolver.META_SCAN_BYTES) + "-->";

    CharsetResolver.Resolution r = resolve(bytes(padding + "<meta charset=\"windows-1251\"><p>" + CAFE, "UTF-8"), null);

    assertEquals(StandardCharsets.UTF_8, r.charset());
    assertEquals(CharsetSource.DETECTED, r.source());
  }

  @Test
  void aLegacyPageWhoseOnlyHighByteIsTheLastIsNotUtf8() {
    // "<p>café" in windows-1252 ends in 0xE9, which a cut UTF-8 payload could also end in.
    byte[] page = bytes("<p>café", "windows-1252");

    CharsetResolver.Resolution r = resolve(page, null);

    assertEquals(Charset.forName("windows-1252"), r.charset());
    assertEquals("<p>café", CharsetResolver.decode(page, r));
  }

  @Test
  void utf8CutInsideItsLastCharacterIsStillUtf8() {
    // A payload truncated at the byte limit may end half-way through "é" (0xC3 0xA9).
    byte[] whole = bytes("<p>" + CAFE + "é", "UTF-8");
    byte[] page = java.util.Arrays.copyOf(whole, whole.length - 1);

    CharsetResolver.Resolution r = resolve(page, null);

    assertEquals(StandardCharsets.UTF_8, r.charset());
    assertEquals(CharsetSource.DETECTED, r.source());
    assertTrue(CharsetResolver.decode(page, r).startsWith("<p>" + CAFE));
  }

  @Test
  void malformedBytesDecodeToReplacementCharacters() {
    byte[] bytes = {'a', (byte) 0xFF, 'b'};

    String text = CharsetResolver.decode(bytes, new CharsetResolver.Resolution(StandardCharsets.UTF_8, CharsetSource.HTTP, 0));

    assertEquals("a\uFFFDb", text);
  }

  @ParameterizedTest
  @CsvSource({
      "iso-8859-1, windows-1252", "ISO_8859-1:1987, windows-1252", "us-ascii, windows-1252", "latin1, windows-1252",
      "x-user-defined, windows-1252", "iso-8859-9, windows-1254", "iso88592, ISO-8859-2", "latin2, ISO-8859-2",
      "x-cp1250, windows-1250", "cp1251, windows-1251", "gb2312, GB18030", "GBK, GB18030", "x-gbk, GB18030",
      "big5, Big5-HKSCS", "shift_jis, windows-31j", "x-sjis, windows-31j", "ms_kanji, windows-31j",
      "euc-kr, x-windows-949", "ks_c_5601-1987, x-windows-949", "tis-620, x-windows-874", "euc-jp, EUC-JP",
      "koi8-u, KOI8-U", "x-mac-cyrillic, x-MacCyrillic", "utf8, UTF-8", "utf-16, UTF-16LE", "' UTF-8 ', UTF-8",
      "iso-8859-8-i, ISO-8859-8", "iso-2022-jp, ISO-2022-JP", "cp1252, windows-1252", "' Windows-1252 ', windows-1252",
      "utf-16le, UTF-16LE", "iso-8859-15, ISO-8859-15"})
  void labelsMeanWhatBrowsersMakeOfThem(String label, String java) {
    assertEquals(Charset.forName(java), CharsetResolver.lookup(label));
  }

  @ParameterizedTest
  @CsvSource({"x-klingon", "utf-9", "'chars\"et'", "none", "''"})
  void unknownLabelsAreNoDeclaration(String label) {
    assertNull(CharsetResolver.lookup(label));
  }
}
