package io.htmllake.parsers.spec;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a spec field as written in {@code type:}: a scalar ({@code string}, {@code int},
 * {@code long}, {@code double}, {@code decimal(p,s)}, {@code boolean}, {@code date},
 * {@code timestamp}, {@code price}, {@code url}) or {@code list<scalar>} (not of price).
 *
 * @param kind the scalar kind (of the elements, for a list)
 * @param precision digits of a decimal, else 0
 * @param scale digits after the point of a decimal, else 0
 * @param list whether the field holds every match instead of the first
 */
public record FieldType(Kind kind, int precision, int scale, boolean list) {

  /** Scalar kinds. */
  public enum Kind {
    STRING, INT, LONG, DOUBLE, DECIMAL, BOOLEAN, DATE, TIMESTAMP, PRICE, URL;

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Largest decimal precision Spark supports. */
  public static final int MAX_PRECISION = 38;

  /** The type names a spec may use, for error messages. */
  public static final String NAMES = "string, int, long, double, decimal(p,s), boolean, date, timestamp, price, url, list<...>";

  private static final Pattern DECIMAL = Pattern.compile("decimal\\(\\s*(\\d{1,3})\\s*,\\s*(\\d{1,3})\\s*\\)");
  private static final Pattern LIST = Pattern.compile("list\\s*<\\s*(.+?)\\s*>");

  public static FieldType scalar(Kind kind) {
    return new FieldType(kind, 0, 0, false);
  }

  /**
   * Reads a type as written.
   *
   * @throws IllegalArgumentException with a message saying what to write instead
   */
  public static FieldType parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher list = LIST.matcher(t);
    if (list.matches()) {
      FieldType element = parse(list.group(1));
      if (element.list) {
        throw new IllegalArgumentException("lists of lists are not supported (\"" + text + "\"); use list<string> and a regex");
      }
      if (element.kind == Kind.PRICE) {
        throw new IllegalArgumentException("list<price> is not supported (a price is two columns); use a row selector, one row per price");
      }
      return new FieldType(element.kind, element.precision, element.scale, true);
    }
    Matcher decimal = DECIMAL.matcher(t);
    if (decimal.matches()) {
      int p = Integer.parseInt(decimal.group(1));
      int s = Integer.parseInt(decimal.group(2));
      if (p < 1 || p > MAX_PRECISION || s > p) {
        throw new IllegalArgumentException("decimal(" + p + "," + s + ") is out of range; precision must be 1 to "
            + MAX_PRECISION + " and scale at most the precision, e.g. decimal(10,2)");
      }
      return new FieldType(Kind.DECIMAL, p, s, false);
    }
    if (t.equals("decimal")) {
      throw new IllegalArgumentException("decimal needs a precision and a scale, e.g. decimal(10,2)");
    }
    for (Kind k : Kind.values()) {
      if (k != Kind.DECIMAL && k.code().equals(t)) {
        return scalar(k);
      }
    }
    throw new IllegalArgumentException("unknown type \"" + text + "\"; use one of " + NAMES);
  }

  /** The type as a spec writes it. */
  @Override
  public String toString() {
    String scalar = kind == Kind.DECIMAL ? "decimal(" + precision + "," + scale + ")" : kind.code();
    return list ? "list<" + scalar + ">" : scalar;
  }

  static final List<Kind> TIME_KINDS = List.of(Kind.DATE, Kind.TIMESTAMP);
}
