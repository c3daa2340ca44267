package io.htmllake.jobs;

/** Joins URI-ish paths (local, s3://, s3a://) without touching the file system. */
final class Paths {

  private Paths() {}

  static String join(String base, String... parts) {
    StringBuilder path = new StringBuilder(stripSlash(base));
    for (String part : parts) {
      path.append('/').append(part);
    }
    return path.toString();
  }

  static String stripSlash(String s) {
    String out = s;
    while (out.length() > 1 && out.endsWith("/") && !out.endsWith("://")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
