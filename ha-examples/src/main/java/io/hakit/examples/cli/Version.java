package io.hakit.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** HAKit's version, filtered into a resource at build time. */
final class Version {
  private Version() {}

  static String current() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
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
