package io.htmllake.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Collects a page's items as rows, holding the page to at most so many items and so many characters of JSON. */
final class ItemSink {

  private final int maxItems;
  private final long maxJsonChars;
  private final List<StructuredItem> items = new ArrayList<>();
  private long jsonChars;

  ItemSink(int maxItems, long maxJsonChars) {
    this.maxItems = maxItems;
    this.maxJsonChars = maxJsonChars;
  }

  boolean full() {
    return items.size() >= maxItems || jsonChars >= maxJsonChars;
  }

  /** Adds a schema.org-style item (JSON-LD, microdata, RDFa): normalised, with the given {@code @context}. */
  void add(String syntax, ObjectNode item, JsonNode context) {
    if (full()) {
      return;
    }
    ObjectNode normal = ItemJson.normalise(item, context);
    addRow(syntax, ItemJson.firstType(normal), ItemJson.id(normal), normal);
  }

  /** Adds an item whose JSON is final but for key order (OpenGraph, Twitter). */
  void addAsIs(String syntax, String itemType, String itemId, ObjectNode item) {
    if (full()) {
      return;
    }
    addRow(syntax, itemType, itemId, ItemJson.sortedCopy(item));
  }

  private void addRow(String syntax, String itemType, String itemId, ObjectNode json) {
    String text = ItemJson.write(json);
    if (jsonChars + text.length() > maxJsonChars) {
      return; // too big for what is left of the page's allowance; smaller items after it may still fit
    }
    jsonChars += text.length();
    items.add(new StructuredItem(syntax, itemType, itemId, text));
  }

  List<StructuredItem> items() {
    return List.copyOf(items);
  }
}
