package io.hakit.config.haproxy;

import java.util.List;

/**
 * Every deliberate difference between HAKit's reader and HAProxy 2.6's {@code haproxy -c}, in one
 * place so that a profile for a newer HAProxy can follow. Strict mode ({@code check --strict},
 * {@link HaproxyConfigReader.Options#strict}) removes the ones marked "strict: as 2.6".
 */
public final class Deviations {
  /** One documented difference. */
  public record Deviation(String id, String haproxy26, String hakit) {}

  /** {@code frontend main *:5000}: 2.6 refuses it and every line of the section; HAKit reads a bind. Strict: as 2.6. */
  public static final Deviation LEGACY_HEADER_ADDRESS = new Deviation("legacy-header-address",
      "'please use the 'bind' keyword for listening addresses.' then ''listen' or 'defaults' expected.' for each"
          + " line of the section",
      "the address becomes a bind of the section, with a warning naming the line and the modern spelling");

  /** Host names in {@code server} lines: haproxy resolves them while checking; HAKit never resolves at parse time. */
  public static final Deviation NO_RESOLUTION = new Deviation("no-dns-at-parse",
      "an unresolvable server host name fails the check",
      "host names are kept as written; the runtime resolves them");

  /** Rules and ACLs of a named defaults section: 2.6 runs them before the proxy's own; HAKit keeps them unapplied. */
  public static final Deviation DEFAULTS_RULES = new Deviation("named-defaults-rules",
      "acl/http-request/... in a named defaults section apply to the proxies using it",
      "accepted with the same placement checks, but not applied to the inheriting proxies");

  /** Post-parse checks run even after a parse error, so that one run reports everything it can. */
  public static final Deviation REPORT_ALL = new Deviation("report-everything",
      "reference checks (unknown backends, modes) run only when parsing had no fatal error, and some errors stop"
          + " the file",
      "the same errors stop the file, but reference checks always run; the verdict is the same");

  /** Sections HAKit does not model are recognised but their lines are not checked. */
  public static final Deviation SKIPPED_SECTIONS = new Deviation("skipped-sections",
      "userlist, peers, resolvers, mailers, cache, ring, http-errors, log-forward, fcgi-app, namespace_list lines"
          + " are checked",
      "the section is announced with a warning and its lines are skipped unchecked");

  /** Bodies of keywords kept but not run are not validated argument by argument. */
  public static final Deviation KEPT_KEYWORDS_UNCHECKED = new Deviation("kept-keywords-unchecked",
      "every keyword's arguments are validated (tcp-request, stick-table, compression, ...)",
      "keywords HAKit keeps without running them are checked for placement only, not for their arguments");

  /** Files named by {@code crt} on a server, Lua, maps are not opened. */
  public static final Deviation EXTERNAL_FILES = new Deviation("external-files",
      "opens certificates, CA files, maps, Lua files while checking",
      "checks ACL -f pattern files, errorfiles, return bodies and bind crt files exist; other files are not opened");

  public static final List<Deviation> ALL = List.of(LEGACY_HEADER_ADDRESS, NO_RESOLUTION, DEFAULTS_RULES, REPORT_ALL,
      SKIPPED_SECTIONS, KEPT_KEYWORDS_UNCHECKED, EXTERNAL_FILES);

  private Deviations() {}
}
