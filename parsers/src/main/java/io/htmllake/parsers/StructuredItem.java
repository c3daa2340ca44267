package io.htmllake.parsers;

import java.util.Objects;

/**
 * One top-level item of structured data found in a page.
 *
 * @param syntax where it came from: {@code json-ld}, {@code microdata}, {@code rdfa}, {@code opengraph} or {@code twitter}
 * @param itemType its schema.org type, short form (e.g. {@code Product}, {@code Hotel}); the first type when it has
 *     several; null when it has none (OpenGraph/Twitter items carry their og:type / card instead)
 * @param itemId its {@code @id} / {@code itemid} / {@code resource}, or null
 * @param json the item as normalised JSON-LD (compact, {@code @context} https://schema.org, keys sorted)
 */
public record StructuredItem(String syntax, String itemType, String itemId, String json) {
  public StructuredItem {
    Objects.requireNonNull(syntax, "syntax");
    Objects.requireNonNull(json, "json");
  }
}
