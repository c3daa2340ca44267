package io.htmllake.parsers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a price as people write it ("₩129,000", "1.234,56 €", "from $99", "CHF 1'049.95") into an
 * amount and an ISO 4217 currency. Never throws: text without a price gives nulls.
 *
 * <p>The amount is the first number in the text that has a currency beside it, else the first number
 * that is not a percentage. A separator followed by exactly three digits groups thousands
 * ("129,000", "1.144.000") unless the integer part is 0 or the currency has three decimals (KWD,
 * BHD, ...); any other lone separator is the decimal point ("12,50", "34.992001"); when both appear,
 * the last one is. "Free" (alone) is 0.
 *
 * <p>The currency is the one written beside that number (a code beats a symbol, a specific symbol
 * beats a shared one: "NZD $5" is NZD), else the first one written anywhere, else the hint. Symbols
 * come from {@code currency-symbols.txt}; shared ones ($, ¥, kr, Rs, £) are resolved by the locale
 * hint ("$" on an es-MX page is MXN) and default to the currency most sites mean ("$" is USD; "kr"
 * has no default).
 */
public final class PriceParser {

  /** An amount and an ISO 4217 code; either may be null. */
  public record Price(BigDecimal amount, String currency) {}

  /** Longer texts are cut: a price is short, and the work per call stays bounded. */
  static final int MAX_CHARS = 400;

  private static final Price NONE = new Price(null, null);
  private static final Table TABLE = Table.load();
  private static final Set<String> FREE = Set.of("free", "gratis", "gratuit", "gratuite", "gratuito", "kostenlos",
      "umsonst", "zdarma", "darmowy", "darmowa", "бесплатно", "ücretsiz", "ingyenes", "ilmainen", "無料", "免费", "免費", "무료");
  private static final Pattern EURO_AS_POINT = Pattern.compile("(\\d)€(\\d{1,2})(?!\\d)");

  private PriceParser() {}

  /** {@link #parse(String, String, String)} without hints. */
  public static Price parse(String text) {
    return parse(text, null, null);
  }

  /**
   * @param text the price as written; may hold other words ("Our price: $12.99 (incl. VAT)")
   * @param currencyHint where the currency may be when the text names none: an ISO code (a
   *     structured {@code priceCurrency}), a symbol, or the text of a nearby element ("Pris NOK 1 999,00"); may be null
   * @param locale the page's language tag (e.g. {@code en-CA}, {@code sv}, {@code pt_BR}), which
   *     resolves shared symbols; may be null
   */
  public static Price parse(String text, String currencyHint, String locale) {
    try {
      return parseUnchecked(text, currencyHint, locale);
    } catch (RuntimeException e) {
      // A bug here must cost one value, never the page's row or the job.
      return NONE;
    }
  }

  /**
   * The ISO 4217 code a currency field means: a code in any case ("eur"), a symbol ("€", "zł"), or
   * a short text holding one ("Euro", "руб."); null when it names no currency this parser knows.
   */
  public static String currency(String value, String locale) {
    if (value == null || value.length() > MAX_CHARS) {
      return null;
    }
    String v = normalise(value).strip();
    if (v.isEmpty()) {
      return null;
    }
    String code = TABLE.code(v);
    if (code != null) {
      return code;
    }
    Hint hint = Hint.of(locale);
    String resolved = TABLE.resolveExact(v, hint);
    if (resolved != null) {
      return resolved;
    }
    List<Mention> mentions = TABLE.mentions(v, hint);
    boolean alone = mentions.size() == 1;
    for (Mention m : mentions) {
      if (!m.weak || alone) {
        return m.iso;
      }
    }
    return null;
  }

  /**
   * Every ISO 4217 code a currency as written can mean, whatever the page: {@code $} gives USD,
   * CAD, AUD, MXN, ...; {@code EUR} gives EUR. Empty when it names none.
   */
  public static Set<String> currencyCandidates(String symbolOrCode) {
    if (symbolOrCode == null || symbolOrCode.length() > MAX_CHARS) {
      return Set.of();
    }
    String v = normalise(symbolOrCode).strip();
    String code = TABLE.code(v);
    if (code != null) {
      return Set.of(code);
    }
    Set<String> out = new LinkedHashSet<>(TABLE.candidates(v));
    if (out.isEmpty()) {
      for (Mention m : TABLE.mentions(v, Hint.NONE)) {
        out.addAll(TABLE.candidates(v.substring(m.start, m.end)));
        out.add(m.iso);
      }
    }
    return Collections.unmodifiableSet(out);
  }

  /** How many decimals the currency has by ISO 4217 (2 when unknown). */
  static int minorUnits(String iso) {
    if (iso == null) {
      return 2;
    }
    try {
      int digits = Currency.getInstance(iso).getDefaultFractionDigits();
      return digits < 0 ? 2 : digits;
    } catch (IllegalArgumentException e) {
      return 2;
    }
  }

  private static Price parseUnchecked(String text, String currencyHint, String locale) {
    Hint hint = Hint.of(locale);
    String hintCurrency = hintCurrency(currencyHint, hint);
    if (text == null) {
      return new Price(null, hintCurrency);
    }
    String s = normalise(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text);
    s = EURO_AS_POINT.matcher(s).replaceAll("$1.$2€");
    List<Mention> mentions = TABLE.mentions(s, hint);
    List<Num> numbers = numbers(s, mentions);

    // Passes: a number with a currency beside it (one that is not also a word, then any), then any
    // number not glued to a word ("MX924"), then any number at all.
    for (int pass = 0; pass < 4; pass++) {
      for (Num n : numbers) {
        if (n.percent || pass < 3 && n.glued) {
          continue;
        }
        Mention beside = pass <= 1 ? beside(s, n, mentions) : null;
        if (pass <= 1 && (beside == null || pass == 0 && beside.weak)) {
          continue;
        }
        String currency = beside != null ? beside.iso : firstStrong(mentions, s);
        if (currency == null) {
          currency = hintCurrency;
        }
        BigDecimal amount = amount(n.text, currency);
        if (amount != null) {
          return new Price(amount, currency);
        }
      }
    }
    String currency = firstStrong(mentions, s);
    if (currency == null) {
      currency = hintCurrency;
    }
    String letters = s.replaceAll("[^\\p{L}]", "").toLowerCase(Locale.ROOT);
    return new Price(FREE.contains(letters) ? BigDecimal.ZERO : null, currency);
  }

  private static String hintCurrency(String currencyHint, Hint hint) {
    if (currencyHint == null || currencyHint.isBlank()) {
      return null;
    }
    String s = normalise(currencyHint.length() > MAX_CHARS ? currencyHint.substring(0, MAX_CHARS) : currencyHint);
    String code = TABLE.code(s.strip());
    if (code != null) {
      return code;
    }
    String exact = TABLE.resolveExact(s.strip(), hint);
    if (exact != null) {
      return exact;
    }
    List<Mention> mentions = TABLE.mentions(s, hint);
    for (Num n : numbers(s, mentions)) {
      Mention m = beside(s, n, mentions);
      if (m != null) {
        return m.iso;
      }
    }
    return firstStrong(mentions, s);
  }

  /** The first currency that is not weak, or a weak one when it is all the text says. */
  private static String firstStrong(List<Mention> mentions, String s) {
    for (Mention m : mentions) {
      if (!m.weak) {
        return m.iso;
      }
    }
    if (mentions.size() == 1 && s.replaceAll("[\\s\\p{P}]", "").length() <= mentions.get(0).length() + 1) {
      return mentions.get(0).iso;
    }
    return null;
  }

  /** The best currency written right before or after the number, or null. */
  private static Mention beside(String s, Num n, List<Mention> mentions) {
    Mention best = null;
    int cursor = n.start;
    for (int i = mentions.size() - 1; i >= 0; i--) {
      Mention m = mentions.get(i);
      if (m.end > cursor) {
        continue;
      }
      if (!gap(s, m.end, cursor, true)) {
        break;
      }
      best = better(best, m);
      cursor = m.start;
    }
    cursor = n.end;
    for (Mention m : mentions) {
      if (m.start < cursor) {
        continue;
      }
      if (!gap(s, cursor, m.start, false)) {
        break;
      }
      best = better(best, m);
      cursor = m.end;
    }
    return best;
  }

  private static Mention better(Mention a, Mention b) {
    return a == null || b.rank < a.rank ? b : a;
  }

  /** Up to three spaces (or a colon before the number, as in "US$:12.99"). */
  private static boolean gap(String s, int from, int to, boolean before) {
    if (to - from > 3) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c == ' ' || c == '\t' || before && c == ':')) {
        return false;
      }
    }
    return true;
  }

  // ---- numbers ----

  private record Num(int start, int end, String text, boolean percent, boolean glued) {}

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSep(char c) {
    return c == '.' || c == ',' || c == '\'';
  }

  /** Number-looking runs: digits with separators, thin-space groups, and "119. 95"-style decimals. */
  private static List<Num> numbers(String s, List<Mention> mentions) {
    List<Num> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n && out.size() < 50) {
      char c = s.charAt(i);
      int start = -1;
      if (isDigit(c)) {
        start = i;
      } else if ((c == '.' || c == ',') && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
        int j = i;
        while (j < n && (s.charAt(j) == '.' || s.charAt(j) == ',')) {
          j++;
        }
        if (j < n && isDigit(s.charAt(j))) {
          start = i;
          i = j;
        }
      }
      if (start < 0) {
        i++;
        continue;
      }
      int j = i;
      int group = 0;
      boolean marks = false;
      while (j < n) {
        char ch = s.charAt(j);
        if (isDigit(ch)) {
          j++;
          group++;
        } else if (isSep(ch) && j + 1 < n && isDigit(s.charAt(j + 1))) {
          j++;
          group = 0;
          marks = true;
        } else if ((ch == '.' || ch == ',') && j + 2 < n && s.charAt(j + 1) == ' ' && shortTail(s, j + 2)) {
          j += 2;
          group = 0;
          marks = true;
        } else if (ch == ' ' && !marks && group >= 1 && group <= 3 && groupOfThree(s, j + 1)) {
          // "1 298,00" groups with spaces; "2.00 100" is two numbers.
          j++;
          group = 0;
        } else {
          break;
        }
      }
      int k = j;
      while (k < n && s.charAt(k) == ' ') {
        k++;
      }
      boolean percent = k < n && s.charAt(k) == '%';
      boolean glued = start > 0 && Character.isLetter(s.charAt(start - 1)) && !endsMention(mentions, start);
      out.add(new Num(start, j, s.substring(start, j), percent, glued));
      i = j;
    }
    return out;
  }

  private static boolean endsMention(List<Mention> mentions, int at) {
    for (Mention m : mentions) {
      if (m.end == at) {
        return true;
      }
    }
    return false;
  }

  /** Two digits and then no digit: the cents of "119. 95". */
  private static boolean shortTail(String s, int from) {
    int d = 0;
    while (from + d < s.length() && isDigit(s.charAt(from + d))) {
      d++;
    }
    return d == 2;
  }

  /** Exactly three digits and then no digit: the next group of "1 298,00". */
  private static boolean groupOfThree(String s, int from) {
    int d = 0;
    while (from + d < s.length() && isDigit(s.charAt(from + d))) {
      d++;
    }
    return d == 3;
  }

  /** The value of one number-looking run, or null when its separators make no number (a date). */
  static BigDecimal amount(String raw, String currency) {
    String t = raw.replace(" ", "");
    int lead = 0;
    while (lead < t.length() && (t.charAt(lead) == '.' || t.charAt(lead) == ',')) {
      lead++;
    }
    if (lead > 0) {
      t = t.substring(lead);
      if (t.chars().allMatch(ch -> isDigit((char) ch))) {
        return new BigDecimal("0." + t);
      }
    }
    int last = -1;
    for (int i = t.length() - 1; i >= 0; i--) {
      if (isSep(t.charAt(i))) {
        last = i;
        break;
      }
    }
    if (last < 0) {
      return new BigDecimal(t);
    }
    char sep = t.charAt(last);
    char decimal = 0;
    if (sep != '\'') {
      int after = t.length() - last - 1;
      char other = sep == '.' ? ',' : '.';
      long same = t.chars().filter(ch -> ch == sep).count();
      String whole = t.substring(0, last);
      if (same == 1 && whole.indexOf(other) >= 0) {
        decimal = sep;
      } else if (same == 1 && (after != 3 || whole.replace("'", "").matches("0+")
          || sep == '.' && minorUnits(currency) == 3)) {
        decimal = sep;
      }
    }
    String whole = decimal != 0 ? t.substring(0, last) : t;
    String fraction = decimal != 0 ? t.substring(last + 1) : "";
    if (!validGroups(whole)) {
      return null;
    }
    String digits = whole.replaceAll("[.,']", "");
    return new BigDecimal(fraction.isEmpty() ? digits : digits + "." + fraction);
  }

  /** Grouped integers have groups of three after the first (two are allowed too, as in "1,23,456"). */
  private static boolean validGroups(String whole) {
    String[] groups = whole.split("[.,']", -1);
    if (groups.length == 1) {
      return true;
    }
    for (int i = 1; i < groups.length; i++) {
      int len = groups[i].length();
      boolean lastGroup = i == groups.length - 1;
      if (!(len == 3 || !lastGroup && len == 2)) {
        return false;
      }
    }
    return !groups[0].isEmpty();
  }

  /** NFKC (full-width forms, ￡, ₨ → Rs, no-break spaces → space) and ASCII digits. */
  private static String normalise(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\u066B') {
        b.append('.');
      } else if (c == '\u066C' || c == '\u2019' || c == '\u02BC') {
        b.append(c == '\u066C' ? ',' : '\'');
      } else if (Character.isDigit(c) && !isDigit(c)) {
        b.append((char) ('0' + Character.digit(c, 10)));
      } else if (Character.isSpaceChar(c) || c == '\t' || c == '\n' || c == '\r') {
        b.append(' ');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  // ---- currencies ----

  /** A currency written at [start, end) of the text. rank: 0 an ISO code, 1 a symbol, 2 a shared symbol. */
  private record Mention(int start, int end, String iso, int rank, boolean weak) {
    int length() {
      return end - start;
    }
  }

  /** The page's language and region, which pick the meaning of shared symbols. */
  private record Hint(String language, String region) {
    static final Hint NONE = new Hint(null, null);

    static Hint of(String locale) {
      if (locale == null || locale.isBlank()) {
        return NONE;
      }
      String[] parts = locale.strip().split("[-_]");
      String language = parts[0].toLowerCase(Locale.ROOT);
      String region = null;
      for (int i = 1; i < parts.length; i++) {
        if (parts[i].length() == 2 && parts[i].chars().allMatch(Character::isLetter)) {
          region = parts[i].toUpperCase(Locale.ROOT);
        }
      }
      return new Hint(language, region);
    }
  }

  private record Symbol(String text, String iso, Map<String, String> hints, boolean generic, boolean weak) {
    String resolve(Hint hint) {
      if (hint.region != null && hints.containsKey(hint.region)) {
        return hints.get(hint.region);
      }
      if (hint.language != null && hints.containsKey(hint.language)) {
        return hints.get(hint.language);
      }
      return iso;
    }
  }

  private static final class Table {
    /** Codes that are also words, or no longer in use: they count only beside a number. */
    private static final Set<String> WORD_CODES = Set.of("ALL", "TOP", "CUP", "PEN", "MAD", "BOB", "SOS", "TRY",
        "MOP", "BAM", "GEL", "AMD", "NAD", "LAK", "CAD", "SAR", "STD", "ESP");
    private static final Map<String, String> CODE_ALIASES = Map.of("RUR", "RUB", "RMB", "CNY", "NIS", "ILS", "UKP", "GBP",
        "EURO", "EUR", "YEN", "JPY", "SFR", "CHF");

    final Map<String, Symbol> symbols = new HashMap<>();
    final Map<Character, List<Symbol>> byFirstChar = new HashMap<>();
    final Set<String> codes = new HashSet<>();
    final Set<String> currentCodes = new HashSet<>();

    static Table load() {
      Table t = new Table();
      for (Currency c : Currency.getAvailableCurrencies()) {
        String code = c.getCurrencyCode();
        if (c.getDefaultFractionDigits() >= 0 || code.equals("XAF") || code.equals("XOF")) {
          t.codes.add(code);
        }
      }
      for (Locale l : Locale.getAvailableLocales()) {
        if (l.getCountry().length() == 2) {
          try {
            Currency c = Currency.getInstance(l);
            if (c != null) {
              t.currentCodes.add(c.getCurrencyCode());
            }
          } catch (IllegalArgumentException e) {
            // a region without a currency
          }
        }
      }
      try (InputStream in = PriceParser.class.getResourceAsStream("currency-symbols.txt")) {
        if (in == null) {
          throw new IllegalStateException("Cannot load currency symbols: currency-symbols.txt is not on the classpath");
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String[] f = line.split("\\|", -1);
          String text = Normalizer.normalize(f[0].strip(), Normalizer.Form.NFKC);
          String iso = f.length > 1 && !f[1].isBlank() && !f[1].strip().equals("-") ? f[1].strip() : null;
          Map<String, String> hints = new HashMap<>();
          if (f.length > 2) {
            for (String h : f[2].strip().split("\\s+")) {
              if (!h.isEmpty()) {
                String[] kv = h.split("=");
                hints.put(kv[0], kv[1]);
              }
            }
          }
          String flags = f.length > 3 ? f[3] : "";
          Symbol sym = new Symbol(text, iso, Map.copyOf(hints), flags.contains("generic"), flags.contains("weak"));
          t.symbols.put(text, sym);
          t.byFirstChar.computeIfAbsent(text.charAt(0), k -> new ArrayList<>()).add(sym);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot load currency symbols: " + e.getMessage(), e);
      }
      for (List<Symbol> list : t.byFirstChar.values()) {
        list.sort(Comparator.comparingInt((Symbol x) -> x.text.length()).reversed());
      }
      return t;
    }

    /** The ISO code a whole value spells (any case, or a common alias), or null. */
    String code(String v) {
      String upper = v.toUpperCase(Locale.ROOT);
      if (upper.length() == 3 && upper.chars().allMatch(ch -> ch >= 'A' && ch <= 'Z') && codes.contains(upper)) {
        return CODE_ALIASES.getOrDefault(upper, upper);
      }
      return CODE_ALIASES.get(upper);
    }

    String resolveExact(String v, Hint hint) {
      Symbol sym = symbols.get(v);
      if (sym == null && v.endsWith(".")) {
        sym = symbols.get(v.substring(0, v.length() - 1));
      }
      return sym == null ? null : sym.resolve(hint);
    }

    Set<String> candidates(String v) {
      Symbol sym = symbols.get(v);
      if (sym == null && v.endsWith(".")) {
        sym = symbols.get(v.substring(0, v.length() - 1));
      }
      if (sym == null) {
        return Set.of();
      }
      Set<String> out = new LinkedHashSet<>();
      if (sym.iso != null) {
        out.add(sym.iso);
      }
      out.addAll(sym.hints.values());
      return out;
    }

    /** Every currency written in the text, left to right, longest symbol first at each place. */
    List<Mention> mentions(String s, Hint hint) {
      List<Mention> out = new ArrayList<>();
      int n = s.length();
      int i = 0;
      while (i < n && out.size() < 50) {
        char c = s.charAt(i);
        boolean wordStart = i == 0 || !Character.isLetter(s.charAt(i - 1));
        Mention found = null;
        List<Symbol> candidates = byFirstChar.get(c);
        if (candidates != null && (wordStart || !Character.isLetter(c))) {
          for (Symbol sym : candidates) {
            int end = i + sym.text.length();
            if (s.startsWith(sym.text, i)
                && !(Character.isLetter(sym.text.charAt(sym.text.length() - 1)) && end < n && Character.isLetter(s.charAt(end)))) {
              String iso = sym.resolve(hint);
              if (iso != null) {
                found = new Mention(i, end, iso, sym.generic ? 2 : 1, sym.weak);
              }
              break;
            }
          }
        }
        if (found == null && wordStart && Character.isLetter(c)) {
          int end = i;
          while (end < n && Character.isLetter(s.charAt(end))) {
            end++;
          }
          String word = s.substring(i, end);
          String upper = word.toUpperCase(Locale.ROOT);
          boolean exact = word.equals(upper);
          if (word.length() == 3 && codes.contains(upper) && (exact || !WORD_CODES.contains(upper))) {
            // "EUR" counts anywhere; "pln", "PTE" (no longer issued) and "TRY" (a word) only beside a number.
            String iso = CODE_ALIASES.getOrDefault(upper, upper);
            boolean weak = !exact || WORD_CODES.contains(upper) || !currentCodes.contains(upper);
            found = new Mention(i, end, iso, 0, weak);
          } else {
            i = end;
            continue;
          }
        }
        if (found != null) {
          out.add(found);
          i = found.end;
        } else {
          i++;
        }
      }
      return out;
    }
  }
}
