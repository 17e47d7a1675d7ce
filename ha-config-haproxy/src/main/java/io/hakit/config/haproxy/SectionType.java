package io.hakit.config.haproxy;

/** The proxy section kinds and the capabilities each one has. */
enum SectionType {
  DEFAULTS("defaults", 0),
  FRONTEND("frontend", Cap.F),
  BACKEND("backend", Cap.B),
  LISTEN("listen", Cap.F | Cap.B);

  private final String keyword;
  private final int caps;

  SectionType(String keyword, int caps) {
    this.keyword = keyword;
    this.caps = caps;
  }

  String keyword() {
    return keyword;
  }

  boolean frontend() {
    return (caps & Cap.F) != 0;
  }

  boolean backend() {
    return (caps & Cap.B) != 0;
  }

  /** How HAProxy names such a proxy in messages ({@code proxy} for listen). */
  String label() {
    return this == LISTEN ? "proxy" : keyword;
  }
}
