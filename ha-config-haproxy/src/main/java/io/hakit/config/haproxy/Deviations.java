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

  /**
   * Host names in {@code server} lines and in IP ACL patterns: haproxy resolves them while checking;
   * HAKit never resolves at parse time.
   */
  public static final Deviation NO_RESOLUTION = new Deviation("no-dns-at-parse",
      "an unresolvable server host name or ACL host pattern fails the check",
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
      "every keyword's arguments are validated (compression, errorloc, ...)",
      "keywords HAKit keeps without running them are checked for placement (and tcp-request, tcp-response,"
          + " stick-table for structure), not argument by argument");

  /**
   * Words 2.6 accepts that the model cannot hold are kept as written with a warning instead of
   * being typed: {@code abns@} bind and server addresses, {@code capture ... len 0}, a check
   * {@code port} outside 1-65535, {@code stats auth} without a password.
   */
  public static final Deviation KEPT_UNMODELLED = new Deviation("kept-unmodelled",
      "accepted and applied",
      "accepted, kept in the model's extras/options as written, not applied, with a warning");

  /**
   * An empty word in the middle of a line (from {@code ""} or an unset {@code "$VAR"}): 2.6 silently
   * ignores the rest of the line; HAKit does the same but says so in a warning.
   */
  public static final Deviation EMPTY_WORD_WARNING = new Deviation("empty-word-warning",
      "silently drops the arguments after an empty word",
      "drops them too (same model and verdict) and warns, as haproxy 3.2 does");

  /** Files named by {@code crt} on a server, Lua, maps are not opened. */
  public static final Deviation EXTERNAL_FILES = new Deviation("external-files",
      "opens certificates, CA files, maps, Lua files while checking",
      "checks ACL -f pattern files, errorfiles, return bodies and bind crt files exist; other files are not opened");

  /**
   * A bad {@code log-format}: 2.6 compiles it after parsing and names the line its parser last
   * noted for the proxy, which an {@code http-request} or {@code http-response} rule written after
   * the log-format moves to the rule's own line.
   */
  public static final Deviation FORMAT_ERROR_LINE = new Deviation("format-error-line",
      "reports a bad log-format after the other errors, at the line of the last http-request/http-response rule"
          + " that follows it in the section, if any",
      "reports it in file order at the log-format statement's own line, with the same text");

  public static final List<Deviation> ALL = List.of(LEGACY_HEADER_ADDRESS, NO_RESOLUTION, DEFAULTS_RULES, REPORT_ALL,
      SKIPPED_SECTIONS, KEPT_KEYWORDS_UNCHECKED, KEPT_UNMODELLED, EMPTY_WORD_WARNING, EXTERNAL_FILES,
      FORMAT_ERROR_LINE);

  private Deviations() {}
}
