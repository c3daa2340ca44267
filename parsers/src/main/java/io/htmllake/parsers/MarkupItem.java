package io.htmllake.parsers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An item being read from microdata or RDFa attributes: types, id and property values (strings or
 * nested items) in document order. It becomes JSON once the page is read.
 */
final class MarkupItem {

  final List<String> types = new ArrayList<>();
  String id;
  final Map<String, List<Object>> properties = new LinkedHashMap<>();

  MarkupItem(List<String> types, String id) {
    this.types.addAll(types);
    this.id = id;
  }

  void add(String name, Object value) {
    properties.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
  }

  boolean isEmpty() {
    return types.isEmpty() && id == null && properties.isEmpty();
  }

  /** Recursion depth is bounded: readers nest items at most {@link StructuredDataExtractor#MAX_ITEM_DEPTH} deep. */
  ObjectNode toJson() {
    ObjectNode out = ItemJson.NODES.objectNode();
    if (types.size() == 1) {
      out.put("@type", types.get(0));
    } else if (types.size() > 1) {
      ArrayNode t = out.putArray("@type");
      types.forEach(t::add);
    }
    if (id != null) {
      out.put("@id", id);
    }
    for (Map.Entry<String, List<Object>> p : properties.entrySet()) {
      ArrayNode values = ItemJson.NODES.arrayNode(p.getValue().size());
      for (Object v : p.getValue()) {
        if (v instanceof MarkupItem nested) {
          values.add(nested.toJson());
        } else {
          values.add((String) v);
        }
      }
      out.set(p.getKey(), values);
    }
    return out;
  }
}
