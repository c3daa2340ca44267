package io.htmllake.parsers.spec;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One field of a spec, validated.
 *
 * @param name column name ({@code [a-z][a-z0-9_]*}); a price is two columns, {@code <name>_amount} and {@code <name>_currency}
 * @param description what the column holds (stored as column metadata)
 * @param selections the fallback chain: the first selection that yields a value of the type wins
 * @param type the value type
 * @param required whether a row without a value is quarantined instead of written
 * @param defaultValue the typed value used when nothing matched, or null
 * @param pageScope true when the selectors run on the whole page rather than on the row element
 * @param normalizeWhitespace whether whitespace runs become one space and ends are trimmed (default true)
 * @param dateFormat the pattern of a date or timestamp ({@code format:}), or null for ISO-8601
 * @param timeZone the zone of a timestamp written without one (default UTC)
 * @param currency the currency of a price whose text names none (ISO code or symbol), or null
 * @param line the spec line where the field starts
 */
public record FieldSpec(String name, String description, List<Selection> selections, FieldType type, boolean required,
    Object defaultValue, boolean pageScope, boolean normalizeWhitespace, DateTimeFormatter dateFormat, ZoneId timeZone,
    String currency, int line) {

  public FieldSpec {
    selections = List.copyOf(selections);
  }
}
