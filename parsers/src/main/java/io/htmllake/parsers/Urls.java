package io.htmllake.parsers;

import crawlercommons.domains.EffectiveTldFinder;
import crawlercommons.filters.basic.BasicURLNormalizer;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Locale;

/**
 * URL normalisation and host / registered-domain lookup, backed by crawler-commons (its URL
 * normaliser and its bundled copy of the public suffix list). Instances are thread-safe.
 */
public final class Urls {

  private static final BasicURLNormalizer NORMALIZER = new BasicURLNormalizer();

  private Urls() {}

  /**
   * Normalises an absolute http(s) URL: lower-case scheme and host, IDN to punycode, default port
   * and fragment removed, dot segments resolved, unsafe characters percent-encoded, an empty query
   * dropped; query parameters keep their order.
   *
   * @return the normalised URL, or null when it is not an absolute http(s) URL
   */
  public static String normalize(String absoluteUrl) {
    if (absoluteUrl == null) {
      return null;
    }
    String trimmed = absoluteUrl.strip();
    String lower = trimmed.length() > 8 ? trimmed.substring(0, 8).toLowerCase(Locale.ROOT) : trimmed.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      return null;
    }
    try {
      int hash = trimmed.indexOf('#');
      String noFragment = hash >= 0 ? trimmed.substring(0, hash) : trimmed;
      int question = noFragment.indexOf('?');
      String normalized = NORMALIZER.filter(question >= 0 ? noFragment.substring(0, question) : noFragment);
      if (normalized == null || hostOfNormalized(normalized) == null) {
        return null;
      }
      // The query keeps its parameter order (crawler-commons sorts it, which changes what a link says).
      String query = question >= 0 ? noFragment.substring(question + 1) : "";
      return query.isEmpty() ? normalized
          : normalized + "?" + BasicURLNormalizer.escapePath(BasicURLNormalizer.unescapePath(query));
    } catch (RuntimeException e) {
      return null; // the normaliser throws on some hostile inputs; such a URL is not usable
    }
  }

  /**
   * Parses a page's base URL once, so each of its links resolves against an already-parsed URL
   * (jsoup's {@code absUrl} parses the base again, and runs two regexes, for every link).
   *
   * @return the base, or null when it is not an absolute URL
   */
  public static URL base(String baseUri) {
    if (baseUri == null || baseUri.isEmpty()) {
      return null;
    }
    try {
      return new URL(stripControl(baseUri));
    } catch (MalformedURLException e) {
      return null;
    }
  }

  /** Resolves an href against a base (which may be null) as browsers do, or returns null. */
  public static String resolve(URL base, String href) {
    String h = stripControl(href);
    if (h.isEmpty()) {
      return base == null ? null : base.toExternalForm();
    }
    try {
      if (base == null) {
        return new URL(h).toExternalForm();
      }
      if (h.startsWith("?")) {
        // java.net.URL drops the base path for a query-only reference; browsers keep it.
        String b = base.toExternalForm();
        int cut = b.indexOf('?');
        int hash = b.indexOf('#');
        cut = cut >= 0 ? cut : hash >= 0 ? hash : b.length();
        return b.substring(0, cut) + h;
      }
      return new URL(base, h).toExternalForm();
    } catch (MalformedURLException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * {@link #resolve}, for a caller that keeps only http(s) results (links, canonical): null at once
   * for an href with any other scheme ({@code javascript:}, {@code tel:}, {@code whatsapp:}, ...).
   * Same results as {@code resolve}, followed by {@link #normalize}, but without java.net.URL's
   * search for a handler of an unknown scheme, which scans the class path on every call.
   */
  public static String resolveHttp(URL base, String href) {
    String scheme = scheme(stripControl(href));
    if (scheme != null && !scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
      return null;
    }
    return resolve(base, href);
  }

  /** The scheme java.net.URL reads in a reference (after an optional {@code url:}), or null when it has none. */
  static String scheme(String h) {
    int start = h.regionMatches(true, 0, "url:", 0, 4) ? 4 : 0;
    for (int i = start; i < h.length(); i++) {
      char c = h.charAt(i);
      if (c == ':') {
        return i > start ? h.substring(start, i) : null;
      }
      boolean valid = i == start ? isAsciiLetter(c) : isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-';
      if (!valid) {
        return null;
      }
    }
    return null;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** Removes ASCII tab and newline anywhere, and C0 controls and spaces at either end (WHATWG URL parsing). */
  static String stripControl(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && s.charAt(end - 1) <= ' ') {
      end--;
    }
    boolean clean = true;
    for (int i = start; i < end && clean; i++) {
      char c = s.charAt(i);
      clean = c != '\t' && c != '\n' && c != '\r';
    }
    if (clean) {
      return start == 0 && end == s.length() ? s : s.substring(start, end);
    }
    StringBuilder out = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c != '\t' && c != '\n' && c != '\r') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Host of a URL that {@link #normalize} produced (scheme://host[:port]/...), without parsing it
   * again.
   */
  static String hostOfNormalized(String url) {
    int separator = url.indexOf("://");
    if (separator < 0) {
      return null; // the normaliser turns an empty authority ("https://") into "https:/"
    }
    int start = separator + 3;
    int end = start;
    while (end < url.length()) {
      char c = url.charAt(end);
      if (c == '/' || c == ':' || c == '?' || c == '#') {
        break;
      }
      end++;
    }
    int at = url.lastIndexOf('@', end);
    if (at >= start) {
      return host(url);
    }
    return end > start ? url.substring(start, end) : null;
  }

  /** Lower-case host of a URL, or null. */
  public static String host(String url) {
    if (url == null) {
      return null;
    }
    String host;
    try {
      host = URI.create(url.strip()).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    if (host == null || host.isEmpty()) {
      // URI has no host for names it rejects but browsers accept, e.g. an underscore in a subdomain.
      host = fallbackHost(url.strip());
    }
    if (host == null || host.isEmpty()) {
      return null;
    }
    host = host.toLowerCase(Locale.ROOT);
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /** The registered domain (public suffix plus one label) of a host; the host itself for IPs and unknown suffixes. */
  public static String registeredDomain(String host) {
    if (host == null || host.isEmpty()) {
      return null;
    }
    if (host.startsWith("[") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return host;
    }
    try {
      return EffectiveTldFinder.getAssignedDomain(host, false, false);
    } catch (RuntimeException e) {
      return host;
    }
  }

  /** Host parsing for URLs java.net.URI rejects (spaces, unescaped characters) that browsers accept. */
  private static String fallbackHost(String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      return null;
    }
    int start = schemeEnd + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    String authority = url.substring(start, end);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    int colon = authority.lastIndexOf(':');
    if (colon >= 0 && !authority.endsWith("]")) {
      authority = authority.substring(0, colon);
    }
    authority = authority.toLowerCase(Locale.ROOT);
    return authority.isEmpty() || authority.contains(" ") ? null : authority;
  }
}
