package io.htmllake.parsers;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Country names and codes as pages write them in addresses, to ISO 3166-1 alpha-2. */
final class Countries {

  /** Languages whose country names are recognised besides English. */
  private static final List<String> NAME_LANGUAGES = List.of("en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sv",
      "da", "nb", "fi", "ru", "uk", "tr", "ja", "zh", "ko", "ar");
  private static final Set<String> CODES = Set.of(Locale.getISOCountries());
  private static final Map<String, String> BY_NAME = new HashMap<>();

  static {
    for (String code : CODES) {
      Locale country = new Locale("", code);
      BY_NAME.put(country.getISO3Country(), code);
      for (String language : NAME_LANGUAGES) {
        String name = country.getDisplayCountry(Locale.forLanguageTag(language));
        if (!name.isBlank() && !name.equals(code)) {
          BY_NAME.putIfAbsent(key(name), code);
        }
      }
    }
    BY_NAME.put(key("UK"), "GB");
    BY_NAME.put(key("USA"), "US");
    BY_NAME.put(key("United States of America"), "US");
    BY_NAME.put(key("Great Britain"), "GB");
    BY_NAME.put(key("England"), "GB");
    BY_NAME.put(key("Scotland"), "GB");
    BY_NAME.put(key("Wales"), "GB");
    BY_NAME.put(key("Deutschland"), "DE");
  }

  private Countries() {}

  private static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT).replaceAll("[.\\s]+", " ");
  }

  /** The alpha-2 code of a code or a known name; the text as written when neither; null for null. */
  static String normalise(String country) {
    String code = code(country);
    return code != null ? code : country;
  }

  /** The alpha-2 code of a code or a known name, or null. */
  static String code(String country) {
    if (country == null || country.isBlank()) {
      return null;
    }
    String c = country.strip();
    if (c.length() == 2 && CODES.contains(c.toUpperCase(Locale.ROOT))) {
      return c.toUpperCase(Locale.ROOT);
    }
    if (c.length() == 3 && c.equals(c.toUpperCase(Locale.ROOT)) && BY_NAME.containsKey(c)) {
      return BY_NAME.get(c);
    }
    return BY_NAME.get(key(c));
  }

  /**
   * Locality and country of a one-line address ("Technikerstrasse 21, 6020 Innsbruck, Austria"):
   * the last comma-separated part is the country when it names one, and the part before it, without
   * its postal code, the locality. {null, null} when the address does not end in a country.
   */
  static String[] splitAddress(String address) {
    if (address == null) {
      return new String[] {null, null};
    }
    String[] parts = address.split("\\s*,\\s*");
    if (parts.length < 2) {
      return new String[] {null, null};
    }
    String country = code(parts[parts.length - 1]);
    if (country == null) {
      return new String[] {null, null};
    }
    String locality = parts[parts.length - 2].replaceAll("\\b[A-Z]{0,2}-?\\d[\\d\\s-]*\\b", "").strip();
    return new String[] {locality.isEmpty() ? null : locality, country};
  }
}
