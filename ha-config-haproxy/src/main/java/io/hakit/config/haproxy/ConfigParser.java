package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads files line by line, as HAProxy's {@code parse_cfg}: tokenizer, preprocessor, empty-word
 * rule, {@code no}/{@code default} prefixes, section switches and dispatch to the section parsers.
 * Collects drafts for {@link ModelAssembler}. One instance per read, on the calling thread.
 */
final class ConfigParser {
  /** HAProxy's limit of fatal errors per file. */
  static final int MAX_ERRORS_PER_FILE = 50;
  private static final Set<String> OTHER_SECTIONS = Set.of("userlist", "peers", "resolvers", "mailers", "program",
      "http-errors", "cache", "ring", "log-forward", "fcgi-app", "namespace_list");

  private enum Kind {
    NONE,
    GLOBAL,
    PROXY,
    BROKEN_PROXY,
    OTHER
  }

  final Diagnostics diag = new Diagnostics();
  final GlobalDraft global = new GlobalDraft();
  final ProxySections proxies;
  final List<Origin> programSections = new ArrayList<>();
  /** Names of the {@code http-errors} sections, which {@code errorfiles} refer to. */
  final java.util.Set<String> httpErrorsSections = new java.util.HashSet<>();
  /** Names of the {@code resolvers} sections, which servers refer to. */
  final java.util.Set<String> resolversSections = new java.util.HashSet<>();
  private final Variables vars;
  /** Whether model elements carry their origin (diagnostics always do). */
  private final boolean origins;
  private final Profile profile;
  private Kind kind = Kind.NONE;
  private @Nullable ProxyDraft current;
  private String sectionName = "";
  private Path baseDir = Path.of("");

  ConfigParser(Variables vars, Profile profile, boolean strict, boolean origins) {
    this.origins = origins;
    this.vars = vars;
    this.profile = profile;
    this.proxies = new ProxySections(diag, strict);
  }

  /** Parses one file's bytes; {@code name} is how messages name it. */
  void parseFile(String name, byte[] bytes, Path baseDir) {
    this.baseDir = baseDir;
    diag.startFile();
    kind = Kind.NONE;
    current = null;
    sectionName = "";
    int errorsAtStart = diag.errorCount();
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        diag.fatal(new Origin(name, lineOf(bytes, i)), "Stray NUL character at position " + (i + 1) + ".");
        return;
      }
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    Preprocessor pre = new Preprocessor(profile);
    int lineNo = 0;
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      lineNo++;
      Origin at = new Origin(name, lineNo);
      if (nl < 0) {
        diag.error(at, "Missing LF on last line, file might have been truncated at position " + (end - start + 1)
            + ".");
      }
      line(text.substring(start, end), at, pre);
      start = end + 1;
      if (diag.fileAborted()) {
        return;
      }
      if (diag.errorCount() - errorsAtStart >= MAX_ERRORS_PER_FILE) {
        diag.fatal(at, "too many fatal errors (" + MAX_ERRORS_PER_FILE + "), stopping now.");
        return;
      }
    }
    pre.finish(new Origin(name, lineNo), diag);
  }

  private static int lineOf(byte[] bytes, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private void line(String raw, Origin at, Preprocessor pre) {
    vars.at(at.file(), at.line(), sectionName);
    List<String> words;
    try {
      words = LineTokenizer.tokenize(raw, vars);
    } catch (LineError e) {
      diag.error(at, e.getMessage());
      return;
    }
    if (words.isEmpty()) {
      return;
    }
    Statement st = new Statement(at, words);
    if (!pre.accept(st, vars, diag)) {
      return;
    }
    if (!origins) {
      st = new Statement(Origin.UNKNOWN, words);
    }
    int empty = words.indexOf("");
    if (empty > 0) {
      if (empty < words.size() - 1) {
        diag.warning(at, "argument number " + empty + " is empty and marks the end of the argument list; HAProxy"
            + " 2.6 ignores the " + (words.size() - empty - 1) + " argument(s) after it.");
      }
      st = new Statement(at, words.subList(0, empty));
    }
    String modifier = "";
    if (st.keyword().equals("no") || st.keyword().equals("default")) {
      modifier = st.keyword();
      st = st.drop(1);
      String kw = st.keyword();
      boolean allowed = kw.equals("option") || kw.equals("log") || GlobalSectionParser.acceptsModifier(kw);
      if (!allowed) {
        diag.error(at, "negation/default currently supported only for options, log, busy-polling, set-dumpable,"
            + " strict-limits, insecure-fork-wanted and numa-cpu-mapping.");
      }
      if (st.size() == 0) {
        return;
      }
    }
    dispatch(st, modifier);
  }

  private void dispatch(Statement st, String modifier) {
    String kw = st.keyword();
    switch (kw) {
      case "global" -> {
        if (st.size() > 1) {
          diag.error(st.origin(), "'global' cannot handle unexpected argument '" + st.word(1) + "'.");
        }
        global.seen = true;
        enter(Kind.GLOBAL, null, "global");
        return;
      }
      case "defaults", "frontend", "backend", "listen" -> {
        ProxyDraft d = proxies.open(st);
        enter(d == null ? Kind.BROKEN_PROXY : Kind.PROXY, d, d == null ? kw : d.name.isEmpty() ? kw : d.name);
        return;
      }
      default -> {
        if (OTHER_SECTIONS.contains(kw)) {
          if (kw.equals("program")) {
            programSections.add(st.origin());
          }
          if (kw.equals("http-errors")) {
            httpErrorsSections.add(st.word(1));
          }
          if (kw.equals("resolvers")) {
            resolversSections.add(st.word(1));
          }
          diag.warning(st.origin(), "section '" + String.join(" ", st.words()) + "' is supported by HAProxy,"
              + " ignored by HAKit (its lines are skipped).");
          enter(Kind.OTHER, null, st.word(1).isEmpty() ? kw : st.word(1));
          return;
        }
      }
    }
    switch (kind) {
      case NONE -> diag.error(st.origin(), "unknown keyword '" + kw + "' out of section.");
      case GLOBAL -> GlobalSectionParser.parse(global, st, modifier, diag, vars);
      case PROXY -> ProxySectionParser.parse(java.util.Objects.requireNonNull(current), st, modifier, diag, baseDir,
          global);
      case BROKEN_PROXY -> diag.error(st.origin(), "'listen' or 'defaults' expected.");
      case OTHER -> {
        // Recognised section HAKit does not model: its lines were announced once at the header.
      }
    }
  }

  private void enter(Kind k, @Nullable ProxyDraft draft, String name) {
    kind = k;
    current = draft;
    sectionName = name;
  }
}
