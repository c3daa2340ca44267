package io.htmllake.parsers;

import crawlercommons.domains.EffectiveTldFinder;
import crawlercommons.filters.basic.BasicURLNormalizer;
import java.net.URI;
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
   * and fragment removed, dot segments resolved, unsafe characters percent-encoded.
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
      String normalized = NORMALIZER.filter(trimmed);
      return normalized == null || host(normalized) == null ? null : normalized;
    } catch (RuntimeException e) {
      return null; // the normaliser throws on some hostile inputs; such a URL is not usable
    }
  }

  /** Lower-case host of a URL, or null. */
  public static String host(String url) {
    if (url == null) {
      return null;
    }
    try {
      String host = URI.create(url.strip()).getHost();
      if (host == null || host.isEmpty()) {
        return null;
      }
      host = host.toLowerCase(Locale.ROOT);
      return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    } catch (IllegalArgumentException e) {
      return fallbackHost(url);
    }
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
