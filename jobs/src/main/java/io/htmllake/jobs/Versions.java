package io.htmllake.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The htmllake version, filtered into a resource at build time. */
final class Versions {

  private Versions() {}

  static String htmllake() {
    try (InputStream in = Versions.class.getResourceAsStream("/htmllake-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
