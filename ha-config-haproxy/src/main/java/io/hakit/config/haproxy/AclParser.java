package io.hakit.config.haproxy;

import io.hakit.core.model.Acl;
import io.hakit.core.model.AclFlags;
import io.hakit.core.model.ModelException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code acl <name> <criterion> [flags] [operator] [patterns...]} and the body of an anonymous
 * {@code { ... }} ACL (HAPROXY-CFG-DIALECT.md 9.1): known fetch, flags {@code -i -n -m -f -M -u
 * --}, patterns kept as written.
 */
final class AclParser {
  static final Set<String> MATCH_METHODS =
      Set.of("found", "bool", "int", "ip", "bin", "len", "str", "beg", "sub", "dir", "dom", "end", "reg");

  private AclParser() {}

  /** The {@code acl} keyword. */
  static void parseLine(ProxyContext ctx, Statement st) {
    String name = st.word(1);
    if (name.isEmpty()) {
      ctx.error("'acl' expects an ACL name and a criterion.");
      return;
    }
    String bad = Names.invalidChar(name);
    if (bad != null) {
      ctx.error("character '" + bad + "' is not permitted in acl name '" + name + "'.");
      return;
    }
    if (name.equalsIgnoreCase("or")) {
      ctx.error("acl name '" + name + "' will never match. 'or' is used to express a logical OR between two"
          + " acls.");
      return;
    }
    Acl acl = parse(ctx, name, st.from(2), "ACL '" + name + "'");
    if (acl != null) {
      ctx.draft.acls.add(acl);
      ctx.draft.aclNames.add(name);
      if (ctx.draft.isDefaults()) {
        ctx.draft.hasRules = true;
      }
    }
  }

  /** Parses a criterion, flags and patterns; reports and returns null when HAProxy would refuse. */
  static @Nullable Acl parse(ProxyContext ctx, String name, List<String> words, String what) {
    String criterion = words.isEmpty() ? "" : words.get(0);
    if (criterion.isEmpty()) {
      ctx.error("error detected while parsing " + what + " : missing fetch method in ACL expression ''.");
      return null;
    }
    if (!FetchNames.known(criterion)) {
      ctx.error("error detected while parsing " + what + " : unknown fetch method '" + FetchNames.baseName(criterion)
          + "' in ACL expression '" + criterion + "'" + Suggestions.hint(FetchNames.baseName(criterion),
              FetchNames.all()) + ".");
      return null;
    }
    boolean ignoreCase = false;
    boolean noDns = false;
    String method = null;
    List<String> files = new ArrayList<>();
    int i = 1;
    boolean endOfFlags = false;
    while (i < words.size() && words.get(i).startsWith("-") && !endOfFlags) {
      String flag = words.get(i);
      switch (flag) {
        case "-i" -> ignoreCase = true;
        case "-n" -> noDns = true;
        case "-M" -> { }
        case "--" -> endOfFlags = true;
        case "-m", "-f", "-u" -> {
          if (i + 1 >= words.size()) {
            ctx.error("error detected while parsing " + what + " : missing argument after '" + flag + "'.");
            return null;
          }
          String arg = words.get(++i);
          if (flag.equals("-m")) {
            if (!MATCH_METHODS.contains(arg)) {
              ctx.error("error detected while parsing " + what + " : unknown matching method '" + arg + "'.");
              return null;
            }
            method = arg;
          } else if (flag.equals("-f")) {
            if (!arg.startsWith("opt@") && !arg.startsWith("virt@")
                && !Files.isReadable(ctx.baseDir.resolve(arg))) {
              ctx.error("error detected while parsing " + what + " : failed to open pattern file <" + arg + ">.");
              return null;
            }
            files.add(arg);
          }
        }
        default -> {
          ctx.error("error detected while parsing " + what + " : '" + flag + "' is not a valid ACL option. Please"
              + " use '--' before any pattern beginning with a '-'.");
          return null;
        }
      }
      i++;
    }
    List<String> patterns = new ArrayList<>(words.subList(Math.min(i, words.size()), words.size()));
    String bad = AclPatterns.firstInvalid(FetchNames.patternKind(criterion, method), patterns);
    if (bad != null) {
      ctx.error("error detected while parsing " + what + " : " + bad);
      return null;
    }
    if (patterns.isEmpty() && files.isEmpty() && !endOfFlags && !"found".equals(method) && !"bool".equals(method)
        && !isBooleanFetch(criterion)) {
      ctx.warning("no pattern to match against were provided, so this ACL will never match. If this is desired,"
          + " please add '--' to get rid of this warning. If you intended to match only for existence, please use"
          + " '-m found'. If you wanted to force an int to match as a bool, please use '-m bool'.");
    }
    try {
      return new Acl(name, criterion, new AclFlags(ignoreCase, method, files, noDns), patterns, ctx.origin);
    } catch (ModelException e) {
      ctx.error(e.problems().get(0).message());
      return null;
    }
  }

  private static boolean isBooleanFetch(String criterion) {
    String base = FetchNames.baseName(criterion);
    return base.equals("always_true") || base.equals("always_false") || base.endsWith("_fc") || base.equals("ssl_c_used")
        || base.equals("ssl_fc_has_crt") || base.equals("ssl_fc_has_sni") || base.equals("req.ssl_hello_type")
        || base.equals("ssl_fc_is_resumed") || base.equals("stopping") || base.equals("wait_end");
  }
}
