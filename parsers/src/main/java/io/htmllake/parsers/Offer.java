package io.htmllake.parsers;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A typed projection of a schema.org Product / Offer / AggregateOffer / Hotel / LodgingBusiness /
 * HotelRoom / Accommodation item, from any syntax. Every field may be null.
 *
 * @param itemType the item's schema.org type (short form)
 * @param price the price as a decimal (the low price of an AggregateOffer)
 * @param currency ISO 4217 code
 * @param availability schema.org short name, e.g. {@code InStock}
 */
public record Offer(
    String itemType,
    String name,
    String brand,
    String sku,
    String gtin,
    String mpn,
    BigDecimal price,
    String currency,
    String availability,
    Double ratingValue,
    Long reviewCount,
    String addressLocality,
    String addressCountry,
    Double latitude,
    Double longitude,
    LocalDate checkinDate,
    LocalDate checkoutDate) {}
