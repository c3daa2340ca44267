package io.htmllake.parsers.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated extraction spec: which pages, how rows are found, and the typed fields of a row.
 *
 * @param file the spec file as given (for messages)
 * @param text the spec's YAML text, as read (so executors can compile the same spec)
 * @param table the table name as written ({@code [a-z][a-z0-9_]*})
 * @param version the spec's major version: a change that is not additive needs a new one
 * @param description what the table holds, or null
 * @param hosts the hosts a page must be on (exact, or {@code *.example.com} for subdomains); empty for any
 * @param urlPattern a regex the page URL must contain a match of, or null
 * @param row the row selector, or null for one row a page
 * @param rowCss the row selector as written, or null
 * @param fields the fields, in column order
 */
public record ExtractorSpec(String file, String text, String table, int version, String description, List<String> hosts,
    Pattern urlPattern, org.jsoup.select.Evaluator row, String rowCss, List<FieldSpec> fields) {

  public ExtractorSpec {
    hosts = List.copyOf(hosts);
    fields = List.copyOf(fields);
  }

  /** The name of the table written: {@code <table>_v<version>}, so versions never share a directory. */
  public String versionedTable() {
    return table + "_v" + version;
  }

  /** Whether the spec applies to a page at this URL (null when unknown). */
  public boolean matches(String url) {
    if (hosts.isEmpty() && urlPattern == null) {
      return true;
    }
    if (url == null) {
      return false;
    }
    if (!hosts.isEmpty()) {
      String host = io.htmllake.parsers.Urls.host(url);
      if (host == null || hosts.stream().noneMatch(h -> hostMatches(h, host))) {
        return false;
      }
    }
    return urlPattern == null || urlPattern.matcher(url).find();
  }

  static boolean hostMatches(String pattern, String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (pattern.startsWith("*.")) {
      String suffix = pattern.substring(1);
      return h.endsWith(suffix) || h.equals(pattern.substring(2));
    }
    return h.equals(pattern);
  }

  /** SHA-256 of the spec text, hex: which spec produced a run. */
  public String textSha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash spec: the JVM has no SHA-256", e);
    }
  }
}
