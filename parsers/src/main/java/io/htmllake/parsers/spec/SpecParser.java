package io.htmllake.parsers.spec;

import java.io.StringReader;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and validates an extraction spec before any data is read. Every problem is collected (an
 * unknown key, a bad CSS selector, a regex that does not compile or has no capture group, an
 * unknown type, a duplicate field, a default that is not of the type, ...), each with its line and
 * what to change, and reported at once in a {@link SpecException}. The format is documented in
 * {@code conf/extractors/README.md}.
 */
public final class SpecParser {

  static final Set<String> TOP_KEYS = Set.of("table", "version", "description", "match", "row", "fields");
  static final Set<String> MATCH_KEYS = Set.of("host", "url");
  static final Set<String> FIELD_KEYS = Set.of("name", "description", "css", "attr", "regex", "type", "required",
      "default", "scope", "fallback", "format", "locale", "timezone", "currency", "normalize_whitespace");
  static final Set<String> FALLBACK_KEYS = Set.of("css", "attr", "regex");
  /** Columns every spec table has before its fields. */
  public static final Set<String> RESERVED = java.util.Collections.unmodifiableSet(
      new java.util.LinkedHashSet<>(List.of("page_id", "url", "row_index", "dt")));

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final Pattern HOST = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

  private final String file;
  private final List<SpecError> errors = new ArrayList<>();

  private SpecParser(String file) {
    this.file = file;
  }

  /**
   * @param file the spec's path as the user gave it, for messages
   * @param text the YAML
   * @throws SpecException listing every error found
   */
  public static ExtractorSpec parse(String file, String text) {
    SpecParser parser = new SpecParser(file);
    ExtractorSpec spec = parser.read(text);
    if (!parser.errors.isEmpty()) {
      throw new SpecException(parser.errors);
    }
    return spec;
  }

  private ExtractorSpec read(String text) {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(10);
      options.setCodePointLimit(1 << 20);
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      error(mark == null ? 0 : mark.getLine() + 1, "", "not valid YAML: " + e.getProblem()
          + "; check indentation and quote values holding ': ' or starting with '*', '&', '[' or '{'");
      return null;
    } catch (YAMLException e) {
      error(0, "", "not valid YAML: " + e.getMessage());
      return null;
    }
    if (!(root instanceof MappingNode top)) {
      error(root == null ? 0 : line(root), "", "a spec is a YAML mapping with the keys table, version, match, row and fields"
          + (root == null ? " (the file is empty)" : ""));
      return null;
    }
    Map<String, Node> keys = mapping(top, "", TOP_KEYS);
    String table = requiredString(keys, top, "table", "");
    if (table != null && !NAME.matcher(table).matches()) {
      error(line(keys.get("table")), "table", "\"" + table + "\" is not a table name; use lower-case letters, digits and _ "
          + "starting with a letter, e.g. lodging_rooms");
    }
    int version = version(keys, top);
    String description = optionalString(keys, "description", "");

    List<String> hosts = new ArrayList<>();
    Pattern urlPattern = null;
    Node match = keys.get("match");
    if (match != null) {
      if (match instanceof MappingNode m) {
        Map<String, Node> mk = mapping(m, "match", MATCH_KEYS);
        for (ScalarNode h : stringList(mk.get("host"), "match.host")) {
          String host = h.getValue().strip().toLowerCase(Locale.ROOT);
          if (!HOST.matcher(host).matches()) {
            error(line(h), "match.host", "\"" + h.getValue() + "\" is not a host name; write it as in the URL, e.g. "
                + "www.example.com, or *.example.com for every subdomain");
          }
          hosts.add(host);
        }
        urlPattern = regex(mk.get("url"), "match.url", false);
      } else {
        error(line(match), "match", "expected a mapping with host and/or url, e.g. match: {host: www.example.com}");
      }
    }

    Evaluator row = null;
    String rowCss = optionalString(keys, "row", "");
    if (rowCss != null) {
      row = css(rowCss, keys.get("row"), "row");
    }

    List<FieldSpec> fields = new ArrayList<>();
    Node fieldsNode = keys.get("fields");
    if (fieldsNode == null) {
      error(line(top), "", "missing key fields; add a list of fields, e.g. fields: [{name: title, css: h1}]");
    } else if (!(fieldsNode instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
      error(line(fieldsNode), "fields", "expected a non-empty list of fields (each item starting with '- name: ...')");
    } else {
      Set<String> columns = new HashSet<>(RESERVED);
      Map<String, Integer> seen = new LinkedHashMap<>();
      for (int i = 0; i < seq.getValue().size(); i++) {
        FieldSpec f = field(seq.getValue().get(i), i, rowCss != null);
        if (f == null) {
          continue;
        }
        String path = "fields[" + i + "] (" + f.name() + ")";
        if (seen.containsKey(f.name())) {
          error(f.line(), path + ".name", "duplicate field name " + f.name() + " (first on line " + seen.get(f.name())
              + "); give each field its own name");
          continue;
        }
        seen.put(f.name(), f.line());
        for (String column : columnsOf(f)) {
          if (!columns.add(column)) {
            error(f.line(), path + ".name", "column " + column + " clashes with "
                + (RESERVED.contains(column) ? "a column every spec table has (" + String.join(", ", RESERVED) + ")"
                    : "another field's column (a price field P is the columns P_amount and P_currency)") + "; rename the field");
          }
        }
        fields.add(f);
      }
    }
    if (!errors.isEmpty()) {
      return null;
    }
    return new ExtractorSpec(file, text, table, version, description, hosts, urlPattern, row, rowCss, fields);
  }

  /** The table columns a field becomes. */
  public static List<String> columnsOf(FieldSpec f) {
    return f.type().kind() == FieldType.Kind.PRICE && !f.type().list()
        ? List.of(f.name() + "_amount", f.name() + "_currency") : List.of(f.name());
  }

  private int version(Map<String, Node> keys, MappingNode top) {
    Node v = keys.get("version");
    if (v == null) {
      error(line(top), "", "missing key version; add version: 1 (bump it when a change is not additive)");
      return 0;
    }
    if (v instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
      try {
        int n = Integer.parseInt(s.getValue().replace("_", ""));
        if (n >= 1 && n <= 9999) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    error(line(v), "version", "expected a whole number from 1 (e.g. version: 1), got " + describe(v));
    return 0;
  }

  private FieldSpec field(Node node, int index, boolean hasRow) {
    String path = "fields[" + index + "]";
    if (!(node instanceof MappingNode m)) {
      error(line(node), path, "expected a mapping, e.g. - {name: title, css: h1}, got " + describe(node));
      return null;
    }
    int before = errors.size();
    Map<String, Node> keys = mapping(m, path, FIELD_KEYS);
    String name = requiredString(keys, m, "name", path);
    if (name != null) {
      path = path + " (" + name + ")";
      if (!NAME.matcher(name).matches()) {
        error(line(keys.get("name")), path + ".name", "\"" + name + "\" is not a column name; use lower-case letters, "
            + "digits and _ starting with a letter, e.g. room_price");
      }
    }
    String description = optionalString(keys, "description", path);

    FieldType type = FieldType.scalar(FieldType.Kind.STRING);
    String typeText = optionalString(keys, "type", path);
    if (typeText != null) {
      try {
        type = FieldType.parse(typeText);
      } catch (IllegalArgumentException e) {
        error(line(keys.get("type")), path + ".type", e.getMessage());
      }
    }

    List<Selection> selections = new ArrayList<>();
    String attr = optionalString(keys, "attr", path);
    Pattern regex = regex(keys.get("regex"), path + ".regex", true);
    Node cssNode = keys.get("css");
    if (cssNode == null) {
      error(line(m), path, "missing key css; add the CSS selector of the element holding the value, e.g. css: h1");
    } else {
      for (ScalarNode s : stringList(cssNode, path + ".css")) {
        Evaluator e = css(s.getValue(), s, path + ".css");
        selections.add(new Selection(s.getValue(), e, attr, regex));
      }
    }
    Node fallback = keys.get("fallback");
    if (fallback != null) {
      if (!(fallback instanceof SequenceNode seq)) {
        error(line(fallback), path + ".fallback", "expected a list of {css, attr, regex} tried in order, got " + describe(fallback));
      } else {
        for (int i = 0; i < seq.getValue().size(); i++) {
          Node alt = seq.getValue().get(i);
          String altPath = path + ".fallback[" + i + "]";
          if (alt instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
            selections.add(new Selection(s.getValue(), css(s.getValue(), s, altPath), attr, regex));
            continue;
          }
          if (!(alt instanceof MappingNode am)) {
            error(line(alt), altPath, "expected a selector or a mapping {css, attr, regex}, got " + describe(alt));
            continue;
          }
          Map<String, Node> ak = mapping(am, altPath, FALLBACK_KEYS);
          String altCss = requiredString(ak, am, "css", altPath);
          Evaluator e = altCss == null ? null : css(altCss, ak.get("css"), altPath + ".css");
          selections.add(new Selection(altCss, e, optionalString(ak, "attr", altPath), regex(ak.get("regex"), altPath + ".regex", true)));
        }
      }
    }

    boolean required = bool(keys, "required", path, false);
    boolean normalize = bool(keys, "normalize_whitespace", path, true);
    boolean pageScope = hasRow ? false : true;
    String scope = optionalString(keys, "scope", path);
    if (scope != null) {
      switch (scope) {
        case "page" -> pageScope = true;
        case "row" -> {
          if (!hasRow) {
            error(line(keys.get("scope")), path + ".scope", "scope: row needs a row selector; add row: <css> at the top "
                + "or remove scope");
          }
        }
        default -> error(line(keys.get("scope")), path + ".scope", "unknown scope \"" + scope + "\"; use page (the whole "
            + "page) or row (inside the row element, the default when there is a row selector)");
      }
    }

    DateTimeFormatter format = null;
    String pattern = optionalString(keys, "format", path);
    String localeTag = optionalString(keys, "locale", path);
    Locale locale = localeTag == null ? Locale.ENGLISH : Locale.forLanguageTag(localeTag);
    if (localeTag != null && (locale.getLanguage().isEmpty() || !FieldType.TIME_KINDS.contains(type.kind()))) {
      error(line(keys.get("locale")), path + ".locale", locale.getLanguage().isEmpty()
          ? "\"" + localeTag + "\" is not a language tag; use e.g. en, de or fr-CA"
          : "locale is for the month and day names of a date or timestamp format; remove it or set type: date");
    }
    if (pattern != null) {
      if (!FieldType.TIME_KINDS.contains(type.kind())) {
        error(line(keys.get("format")), path + ".format", "format is only for type date or timestamp (this field is "
            + type + "); remove it");
      } else {
        try {
          format = Values.formatter(pattern, locale);
        } catch (IllegalArgumentException e) {
          error(line(keys.get("format")), path + ".format", "invalid date pattern \"" + pattern + "\": " + e.getMessage()
              + "; use java.time letters, e.g. yyyy-MM-dd or MMMM yyyy");
        }
      }
    }
    ZoneId zone = ZoneOffset.UTC;
    String tz = optionalString(keys, "timezone", path);
    if (tz != null) {
      if (type.kind() != FieldType.Kind.TIMESTAMP) {
        error(line(keys.get("timezone")), path + ".timezone", "timezone is only for type timestamp; remove it");
      }
      try {
        zone = ZoneId.of(tz);
      } catch (DateTimeException e) {
        error(line(keys.get("timezone")), path + ".timezone", "unknown time zone \"" + tz + "\"; use an IANA name "
            + "(Europe/Berlin) or an offset (+02:00)");
      }
    }
    String currency = optionalString(keys, "currency", path);
    if (currency != null) {
      if (type.kind() != FieldType.Kind.PRICE) {
        error(line(keys.get("currency")), path + ".currency", "currency is only for type price; remove it");
      } else if (io.htmllake.parsers.PriceParser.currency(currency, null) == null) {
        error(line(keys.get("currency")), path + ".currency", "\"" + currency + "\" is not a currency; use an ISO 4217 "
            + "code such as EUR or USD");
      }
    }
    String attrLower = attr == null ? null : attr.toLowerCase(Locale.ROOT);
    if (attr != null && (attr.isBlank() || attrLower.equals("abs:"))) {
      error(line(keys.get("attr")), path + ".attr", "empty attribute; use text, own_text, html, an attribute name "
          + "(content) or abs:<name> for a URL (abs:href)");
    }

    FieldSpec provisional = new FieldSpec(name == null ? "?" : name, description, selections, type, required, null,
        pageScope, normalize, format, zone, currency, line(m));
    Object defaultValue = null;
    Node def = keys.get("default");
    if (def != null) {
      if (required) {
        error(line(def), path + ".default", "a required field has no default (a row without it is quarantined); "
            + "remove default or required");
      } else if (type.list()) {
        error(line(def), path + ".default", "a list field has no default (no match is null); remove default");
      } else if (!(def instanceof ScalarNode s) || s.getTag().equals(Tag.NULL)) {
        error(line(def), path + ".default", "expected a single value of type " + type + ", got " + describe(def));
      } else {
        defaultValue = Values.convert(provisional, s.getValue(), Values.Page.NONE);
        if (defaultValue == null) {
          error(line(def), path + ".default", "\"" + s.getValue() + "\" is not a value of type " + type
              + (type.kind() == FieldType.Kind.URL ? " (an absolute http(s) URL)" : "") + "; change it or remove default");
        }
      }
    }
    if (errors.size() > before) {
      return null;
    }
    String desc = description != null ? description
        : type + " from " + selections.stream().map(Selection::toString).reduce((a, b) -> a + ", else " + b).orElse("");
    return new FieldSpec(name, desc, selections, type, required, defaultValue, pageScope, normalize, format, zone,
        currency, line(m));
  }

  // ---- helpers ----

  /** The mapping's keys, reporting unknown and non-string keys. */
  private Map<String, Node> mapping(MappingNode node, String path, Set<String> allowed) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : node.getValue()) {
      Node k = t.getKeyNode();
      String key = k instanceof ScalarNode s ? s.getValue() : null;
      String where = path.isEmpty() ? "" : path;
      if (key == null || !allowed.contains(key)) {
        String suggestion = key == null ? null : closest(key, allowed);
        error(line(k), where, "unknown key " + (key == null ? describe(k) : "\"" + key + "\"") + "; "
            + (suggestion != null ? "did you mean " + suggestion + "? " : "") + "allowed here: "
            + String.join(", ", allowed.stream().sorted().toList()));
        continue;
      }
      if (out.containsKey(key)) {
        error(line(k), where, "duplicate key " + key + "; keep one");
        continue;
      }
      out.put(key, t.getValueNode());
    }
    return out;
  }

  private String requiredString(Map<String, Node> keys, Node parent, String key, String path) {
    if (!keys.containsKey(key)) {
      error(line(parent), path, "missing key " + key + "; add " + key + ": <value>");
      return null;
    }
    return optionalString(keys, key, path);
  }

  private String optionalString(Map<String, Node> keys, String key, String path) {
    Node n = keys.get(key);
    if (n == null) {
      return null;
    }
    if (n instanceof ScalarNode s && !s.getTag().equals(Tag.NULL) && !s.getValue().isBlank()) {
      return s.getValue();
    }
    error(line(n), dot(path, key), "expected a text value, got " + describe(n));
    return null;
  }

  private boolean bool(Map<String, Node> keys, String key, String path, boolean fallback) {
    Node n = keys.get(key);
    if (n == null) {
      return fallback;
    }
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
      return Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT));
    }
    error(line(n), dot(path, key), "expected true or false, got " + describe(n));
    return fallback;
  }

  /** A string or a list of strings. */
  private List<ScalarNode> stringList(Node n, String path) {
    List<ScalarNode> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    List<Node> items = n instanceof SequenceNode seq ? seq.getValue() : List.of(n);
    for (Node item : items) {
      if (item instanceof ScalarNode s && !s.getTag().equals(Tag.NULL) && !s.getValue().isBlank()) {
        out.add(s);
      } else {
        error(line(item), path, "expected a text value or a list of them, got " + describe(item));
      }
    }
    if (n instanceof SequenceNode seq && seq.getValue().isEmpty()) {
      error(line(n), path, "empty list; give at least one value");
    }
    return out;
  }

  private Evaluator css(String css, Node node, String path) {
    try {
      return QueryParser.parse(css);
    } catch (IllegalArgumentException | IllegalStateException e) { // jsoup's SelectorParseException is an IllegalStateException
      error(line(node), path, "invalid CSS selector \"" + css + "\": " + e.getMessage()
          + "; fix the selector (jsoup syntax, e.g. div.price > span, meta[itemprop=price])");
      return null;
    }
  }

  private Pattern regex(Node n, String path, boolean needsGroup) {
    if (n == null) {
      return null;
    }
    if (!(n instanceof ScalarNode s) || s.getTag().equals(Tag.NULL) || s.getValue().isEmpty()) {
      error(line(n), path, "expected a regular expression, got " + describe(n));
      return null;
    }
    try {
      Pattern p = Pattern.compile(s.getValue());
      if (needsGroup && p.matcher("").groupCount() < 1) {
        error(line(n), path, "regex \"" + s.getValue() + "\" has no capture group; put the value in parentheses, "
            + "e.g. 'ISBN: (\\d+)' (use (?:...) for other groups)");
        return null;
      }
      return p;
    } catch (PatternSyntaxException e) {
      error(line(n), path, "invalid regex \"" + s.getValue() + "\": " + e.getDescription() + " near index " + e.getIndex()
          + "; fix it (Java regex syntax; in YAML prefer single quotes so backslashes stay as written)");
      return null;
    }
  }

  private static String closest(String key, Set<String> allowed) {
    String best = null;
    int bestDistance = 3;
    for (String a : allowed) {
      int d = distance(key.toLowerCase(Locale.ROOT), a);
      if (d < bestDistance) {
        bestDistance = d;
        best = a;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String describe(Node n) {
    if (n instanceof ScalarNode s) {
      return s.getTag().equals(Tag.NULL) || s.getValue().isEmpty() ? "nothing" : "\"" + s.getValue() + "\"";
    }
    return n instanceof SequenceNode ? "a list" : "a mapping";
  }

  private static String dot(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static int line(Node n) {
    return n == null ? 0 : n.getStartMark().getLine() + 1;
  }

  private void error(int line, String path, String message) {
    errors.add(new SpecError(file, line, path, message));
  }
}
