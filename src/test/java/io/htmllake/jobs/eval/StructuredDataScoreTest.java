package io.htmllake.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.htmllake.jobs.eval.StructuredDataScore.Node;
import io.htmllake.jobs.eval.StructuredDataScore.Tally;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StructuredDataScoreTest {

  private static Node item(String type, Map<String, List<Object>> properties) {
    return new Node(Set.of(type), null, properties);
  }

  @Test
  void propertyOrderInsideNestedItemsDoesNotMatter() {
    Node expected = item("WebPage", Map.of("mainEntity", List.of(item("ItemList", Map.of("name", List.of("Top"),
        "numberOfItems", List.of("3"))))));
    Node actual = item("WebPage", Map.of("mainEntity", List.of(item("ItemList", Map.of("numberOfItems", List.of("3.0"),
        "name", List.of("top"))))));
    StructuredDataScore score = new StructuredDataScore();
    score.score("p", "microdata", List.of(expected), List.of(actual));
    assertEquals(1, score.tally("microdata").propertiesRight);
  }

  @Test
  void aMissOnAValueTheMarkupNeverStatesIsTheExamplesInconsistency() {
    // schema.org eg-0374: the JSON-LD form says "January 2015 Visa bill.", the microdata form only "January 2015 Visa".
    Node expected = item("Invoice", Map.of("description", List.of("January 2015 Visa bill."), "accountId", List.of("1234")));
    Node actual = item("Invoice", Map.of("description", List.of("January 2015 Visa"), "accountId", List.of("1234")));
    String markup = "<div itemscope itemtype=\"https://schema.org/Invoice\"><h1 itemprop=\"description\">January 2015 Visa</h1>"
        + "<span itemprop=\"accountId\">1234</span></div>";
    StructuredDataScore score = new StructuredDataScore();
    score.score("p", "microdata", List.of(expected), List.of(actual), markup);
    Tally t = score.tally("microdata");
    assertEquals(0, t.propertiesRight);
    assertEquals(1, t.inconsistent);
    assertEquals(Double.NaN, t.consistentPropertiesShare());
  }

  @Test
  void aMissOnAValueTheMarkupStatesIsTheReadersMiss() {
    Node expected = item("Product", Map.of("sku", List.of("AB-12")));
    Node actual = item("Product", Map.of());
    String markup = "<div itemscope itemtype=\"https://schema.org/Product\"><span itemprop=\"sku\">AB-12</span></div>";
    StructuredDataScore score = new StructuredDataScore();
    score.score("p", "microdata", List.of(expected), List.of(actual), markup);
    Tally t = score.tally("microdata");
    assertEquals(0, t.inconsistent);
    assertEquals(0.0, t.consistentPropertiesShare());
  }

  @Test
  void missingTypeNamesCountLikeMissingValues() {
    Node expected = new Node(Set.of("TouristAttraction", "Museum"), null, Map.of("name", List.of("Please Touch")));
    Node actual = item("TouristAttraction", Map.of("name", List.of("Please Touch")));
    StructuredDataScore stated = new StructuredDataScore();
    stated.score("p", "microdata", List.of(expected), List.of(actual),
        "<div itemscope itemtype=\"https://schema.org/TouristAttraction\"><link itemprop=\"additionalType\" href=\"https://schema.org/Museum\">"
            + "<span itemprop=\"name\">Please Touch</span></div>");
    assertEquals(0, stated.tally("microdata").inconsistent);
    StructuredDataScore unstated = new StructuredDataScore();
    unstated.score("p", "microdata", List.of(expected), List.of(actual),
        "<div itemscope itemtype=\"https://schema.org/TouristAttraction\"><span itemprop=\"name\">Please Touch</span></div>");
    assertEquals(1, unstated.tally("microdata").inconsistent);
  }

  @Test
  void repeatedMarkupValuesDoNotHideOnesItNeverStates() {
    // schema.org eg-0177: the microdata form repeats fullKeyboardControl where the JSON-LD form lists three others.
    Node expected = item("CreativeWork", Map.of("accessibilityControl", List.of("fullKeyboardControl", "fullTouchControl")));
    Node actual = item("CreativeWork", Map.of("accessibilityControl", List.of("fullKeyboardControl", "fullKeyboardControl")));
    StructuredDataScore score = new StructuredDataScore();
    score.score("p", "microdata", List.of(expected), List.of(actual), "<main itemscope itemtype=\"https://schema.org/CreativeWork\">"
        + "<meta itemprop=\"accessibilityControl\" content=\"fullKeyboardControl\"/>"
        + "<meta itemprop=\"accessibilityControl\" content=\"fullKeyboardControl\"/></main>");
    assertEquals(1, score.tally("microdata").inconsistent);
  }
}
