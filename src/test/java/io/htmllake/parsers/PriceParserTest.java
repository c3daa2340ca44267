package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.htmllake.testing.Corpus;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceParserTest {

  private static void assertPrice(String expectedAmount, String expectedCurrency, PriceParser.Price actual) {
    assertPrice(expectedAmount, expectedCurrency, actual, "");
  }

  private static void assertPrice(String expectedAmount, String expectedCurrency, PriceParser.Price actual, String why) {
    if (expectedAmount == null) {
      assertNull(actual.amount(), why + " amount of " + actual);
    } else {
      assertTrue(actual.amount() != null && actual.amount().compareTo(new BigDecimal(expectedAmount)) == 0,
          why + " amount: expected " + expectedAmount + ", got " + actual);
    }
    assertEquals(expectedCurrency, actual.currency(), why + " currency of " + actual);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      ₩129,000           | 129000   | KRW
      1.234,56 €         | 1234.56  | EUR
      1 234,56 zł        | 1234.56  | PLN
      1'234.56 CHF       | 1234.56  | CHF
      CHF 1'049,95       | 1049.95  | CHF
      12,50 €            | 12.50    | EUR
      12€50              | 12.50    | EUR
      £1,299.00          | 1299.00  | GBP
      ¥1,234             | 1234     | JPY
      3,500円            | 3500     | JPY
      JPY 1.200          | 1200     | JPY
      from $99           | 99       | USD
      From: $14.97       | 14.97    | USD
      $29.99 – $74.99    | 29.99    | USD
      841,00 zł – 995,00 zł | 841.00 | PLN
      R$ 1.500,00        | 1500.00  | BRL
      12x de R$ 44,00 sem juros | 44.00 | BRL
      US$:12.99          | 12.99    | USD
      NZD $100.70        | 100.70   | NZD
      $ SGD4.90          | 4.90     | SGD
      A$190.00           | 190.00   | AUD
      1 299 Kč           | 1299     | CZK
      Běžná cena 9 800 Kč | 9800    | CZK
      Цена: 1 849 руб.   | 1849     | RUB
      6 300 Р            | 6300     | RUB
      ₹2,433             | 2433     | INR
      "₹1,23,456"        | 123456   | INR
      Rs. 1,306.14       | 1306.14  | INR
      8.000.000 ₫        | 8000000  | VND
      Rp 350.000         | 350000   | IDR
      € 2.109,00         | 2109.00  | EUR
      EUR29.66 (inc VAT 20%) EUR24.71 | 29.66 | EUR
      AED 8000 (USD 2179) | 8000    | AED
      423.923 KD         | 423.923  | KWD
      140,00 pln         | 140.00   | PLN
      9 472 Ft           | 9472     | HUF
      69 TL              | 69       | TRY
      ₪98                | 98       | ILS
      199,00 грн.        | 199.00   | UAH
      230 лв.            | 230      | BGN
      99 LEI             | 99       | RON
      44,50 EUR          | 44.50    | EUR
      $119. 95           | 119.95   | USD
      1.899,-            | 1899     | null
      0.499              | 0.499    | null
      129.900            | 129900   | null
      34.992001          | 34.992001 | null
      .75 €              | 0.75     | EUR
      1 2 3 4 5          | 1        | null
      Free!              | 0        | null
      Gratis             | 0        | null
      40% OFF            | null     | null
      15.08.2017         | null     | null
      Not Available      | null     | null
      EUR                | null     | EUR
      Pure & IP BP Ph. Eur. USP ACS | null | null
      """)
  void readsPricesAsWritten(String text, String amount, String currency) {
    assertPrice(amount, currency, PriceParser.parse(text));
  }

  @Test
  void readsNoBreakAndThinSpacesAsGroupSeparators() {
    assertPrice("1298.00", "EUR", PriceParser.parse("1\u00a0298,00\u00a0€"));
    assertPrice("1298.00", "EUR", PriceParser.parse("1\u202f298,00 €"));
    assertPrice("1234", "JPY", PriceParser.parse("\uffe5\uff11\uff0c\uff12\uff13\uff14"));
  }

  @Test
  void resolvesSharedSymbolsByThePageLocale() {
    assertPrice("12.50", "USD", PriceParser.parse("$12.50", null, null));
    assertPrice("12.50", "CAD", PriceParser.parse("$12.50", null, "en-CA"));
    assertPrice("12.50", "CAD", PriceParser.parse("12,50 $", null, "fr_CA"));
    assertPrice("24990", "CLP", PriceParser.parse("$24.990", null, "es-CL"));
    assertPrice("99", "TWD", PriceParser.parse("$99", null, "zh-Hant-TW"));
    assertPrice("1234", "CNY", PriceParser.parse("¥1,234", null, "zh-CN"));
    assertPrice("635000", "PKR", PriceParser.parse("Rs 635,000", null, "en-PK"));
    assertPrice("199.00", "SEK", PriceParser.parse("199,00 kr", null, "sv"));
    assertPrice("199.00", "DKK", PriceParser.parse("kr. 199,00", null, "da-DK"));
    assertPrice("199.00", null, PriceParser.parse("199,00 kr", null, null));
  }

  @Test
  void takesTheCurrencyFromTheHintWhenTheTextHasNone() {
    assertPrice("12.50", "EUR", PriceParser.parse("12.50", "EUR", null));
    assertPrice("899.00", "NOK", PriceParser.parse("899,00", "Pris NOK 1 999,00", null));
    assertPrice("39.95", "GBP", PriceParser.parse("39.95", "Price From £ 39.95", null));
    assertPrice("5", "RUB", PriceParser.parse("5", "Р", null));
    assertPrice("54.17", "GBP", PriceParser.parse("£54.17", "USD", null), "the text's own currency wins");
    assertPrice(null, "EUR", PriceParser.parse(null, "EUR", null));
    assertPrice("423.923", "KWD", PriceParser.parse("423.923", "KWD", null), "three decimals for KWD");
  }

  @Test
  void garbageGivesNullsNeverAnException() {
    assertPrice(null, null, PriceParser.parse(null));
    assertPrice(null, null, PriceParser.parse(""));
    assertPrice(null, null, PriceParser.parse("   "));
    assertPrice(null, null, PriceParser.parse("AQUAFINESSE"));
    assertPrice(null, null, PriceParser.parse("....,,,,''''"));
    Random random = new Random(42);
    String alphabet = "0123456789.,' $€£¥₩kr%-–:R$zł()\u00a0abcXYZ";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(40);
      for (int j = 0; j < length; j++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      PriceParser.parse(b.toString(), b.reverse().toString(), "en-US");
    }
    String huge = "9".repeat(1_000_000) + ",5 €";
    PriceParser.Price p = PriceParser.parse(huge);
    assertTrue(p.amount() == null || p.amount().precision() <= PriceParser.MAX_CHARS, () -> "unbounded: " + p.amount().precision());
  }

  @Test
  void normalisesCurrencyFields() {
    assertEquals("EUR", PriceParser.currency("eur", null));
    assertEquals("EUR", PriceParser.currency(" EUR ", null));
    assertEquals("EUR", PriceParser.currency("€", null));
    assertEquals("EUR", PriceParser.currency("Euro", null));
    assertEquals("RUB", PriceParser.currency("руб.", null));
    assertEquals("RUB", PriceParser.currency("RUR", null));
    assertEquals("PLN", PriceParser.currency("zł", null));
    assertEquals("DKK", PriceParser.currency("kr", "da-DK"));
    assertEquals("ALL", PriceParser.currency("ALL", null), "a code that is also a word is still a code when it is the whole value");
    assertEquals("KRW", PriceParser.currency("원~", null));
    assertNull(PriceParser.currency("kr", null));
    assertNull(PriceParser.currency("XYZ", null));
    assertNull(PriceParser.currency("", null));
    assertNull(PriceParser.currency(null, null));
  }

  @Test
  void listsWhatASymbolCanMean() {
    assertTrue(PriceParser.currencyCandidates("$").containsAll(List.of("USD", "CAD", "CLP", "TWD")));
    assertEquals(Set.of("EUR"), PriceParser.currencyCandidates("EUR"));
    assertTrue(PriceParser.currencyCandidates("kr").containsAll(List.of("SEK", "DKK", "NOK")));
    assertTrue(PriceParser.currencyCandidates("Nothing").isEmpty());
  }

  /**
   * price-parser's 790 real price strings (with the nearby text it keeps as a currency hint). The
   * expected currency there is the text as written; ours is right when it is what that text means.
   * Misses: "kr" without a page language (4, no default among SEK/DKK/NOK/ISK), Iranian toman (6, no
   * ISO code: 1 toman is 10 IRR), ₶ ₣ ₿ (no ISO code), and most of what upstream itself marks XFAIL.
   */
  @Test
  void priceParserCorpus() throws IOException {
    Path file = Corpus.require("price-parser").resolve("price_parsing_examples.jsonl");
    ObjectMapper json = new ObjectMapper();
    int n = 0;
    int amounts = 0;
    int currencies = 0;
    int both = 0;
    for (String line : Files.readAllLines(file)) {
      JsonNode row = json.readTree(line);
      String text = row.get("price_raw").isNull() ? null : row.get("price_raw").asText();
      String hint = row.get("currency_raw").isNull() ? null : row.get("currency_raw").asText();
      BigDecimal amount = row.get("expected_amount").isNull() ? null : new BigDecimal(row.get("expected_amount").asText());
      String written = row.get("expected_currency").isNull() ? null : row.get("expected_currency").asText();
      String currency = written == null ? null : PriceParser.currency(written, null);
      PriceParser.Price p = PriceParser.parse(text, hint, null);
      boolean amountOk = amount == null ? p.amount() == null : p.amount() != null && p.amount().compareTo(amount) == 0;
      boolean currencyOk = written == null ? p.currency() == null : currency != null && currency.equals(p.currency());
      n++;
      amounts += amountOk ? 1 : 0;
      currencies += currencyOk ? 1 : 0;
      both += amountOk && currencyOk ? 1 : 0;
    }
    System.out.printf("price-parser: %d strings, amount %.3f, currency %.3f, both %.3f%n", n, amounts / (double) n,
        currencies / (double) n, both / (double) n);
    assertTrue(n >= 780, "corpus looks incomplete: " + n);
    assertTrue(amounts / (double) n >= 0.98, "amount accuracy " + amounts / (double) n);
    assertTrue(currencies / (double) n >= 0.96, "currency accuracy " + currencies / (double) n);
    assertTrue(both / (double) n >= 0.945, "amount and currency accuracy " + both / (double) n);
  }
}
