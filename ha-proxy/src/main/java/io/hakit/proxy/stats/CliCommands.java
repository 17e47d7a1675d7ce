package io.hakit.proxy.stats;

import io.hakit.core.model.Server;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.ServerState;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Runs one command of the stats socket's language and returns its output, with HAProxy 2.6's
 * messages: {@code show info|stat|servers state|backend|cli level}, {@code clear counters [all]}, {@code get weight},
 * {@code set weight}, {@code set server B/S state|weight}, {@code enable|disable server|health}.
 * Reads and changes go through the thread-safe runtime state; any thread may call it.
 */
final class CliCommands {
  /** {@code help}: HAProxy's wording for the commands HAKit implements. */
  static final String HELP = """
      The following commands are valid at this level:
        clear counters [all]                    : clear max statistics counters (or all counters)
        disable health <bk>/<srv>               : disable health checks
        disable server <bk>/<srv>               : disable a server for maintenance (use 'set server' instead)
        enable health <bk>/<srv>                : enable health checks
        enable server <bk>/<srv>                : enable a disabled server (use 'set server' instead)
        get weight <bk>/<srv>                   : report a server's current weight
        help [<command>]                        : list matching or all commands
        operator                                : lower the level of the current CLI session to operator
        prompt                                  : toggle interactive mode with prompt
        quit                                    : disconnect
        set server <bk>/<srv> [opts]            : change a server's state, weight, address or ssl
        set weight <bk>/<srv>  (DEPRECATED)     : change a server's weight (use 'set server' instead)
        show backend                            : list backends in the current running config
        show cli level                          : display the level of the current CLI session
        show errors [<px>] [request|response]   : report last request and/or response errors for each proxy
        show info                               : report information about the running process
        show servers state [<backend>]          : dump volatile server information (all or for a single backend)
        show sess [id]                          : report the list of current sessions or dump this exact session
        show stat [desc|json|no-maint|typed|up]*: report counters for each proxy and server
        user                                    : lower the level of the current CLI session to user
      """;

  static final String PERMISSION_DENIED = "Permission denied\n";
  static final String SET_SERVER_USAGE = "usage: set server <backend>/<server> addr | agent | agent-addr | agent-port "
      + "| agent-send | check-addr | check-port | fqdn | health | ssl | state | weight\n";

  private final ProxyStats stats;

  CliCommands(ProxyStats stats) {
    this.stats = stats;
  }

  /** What a command prints and does to the session. */
  record Result(String output, @Nullable CliLevel newLevel, boolean togglePrompt, boolean quit) {
    static Result text(String output) {
      return new Result(output, null, false, false);
    }
  }

  Result run(List<String> words, CliLevel level) {
    return run(words, level, CliSession.Peer.of("unix_stream", "unix:1"));
  }

  /** Runs one command for the CLI client {@code self} (which {@code show sess} lists too). */
  Result run(List<String> words, CliLevel level, CliSession.Peer self) {
    if (words.isEmpty()) {
      return Result.text("");
    }
    String a0 = words.get(0);
    String a1 = arg(words, 1);
    String a2 = arg(words, 2);
    switch (a0) {
      case "help":
        return Result.text(HELP);
      case "prompt":
        return new Result("", null, true, false);
      case "quit":
        return new Result("", null, false, true);
      case "user":
        return new Result("", CliLevel.USER, false, false);
      case "operator":
        return level.allows(CliLevel.OPERATOR) ? new Result("", CliLevel.OPERATOR, false, false)
            : Result.text(PERMISSION_DENIED);
      case "show":
        return show(words, level, self);
      case "clear":
        if (!a1.equals("counters")) {
          return unknown();
        }
        boolean all = a2.equals("all");
        if (!level.allows(all ? CliLevel.ADMIN : CliLevel.OPERATOR)) {
          return Result.text(PERMISSION_DENIED);
        }
        clearCounters(all);
        return Result.text("");
      case "get":
        return a1.equals("weight") ? Result.text(getWeight(a2)) : unknown();
      case "set":
        if (a1.equals("weight")) {
          return Result.text(admin(level) ? setWeight(a2, arg(words, 3)) : PERMISSION_DENIED);
        }
        if (a1.equals("server")) {
          return Result.text(admin(level) ? setServer(words) : PERMISSION_DENIED);
        }
        return unknown();
      case "enable", "disable":
        if (!a1.equals("server") && !a1.equals("health")) {
          return unknown();
        }
        return Result.text(admin(level) ? toggle(a0.equals("enable"), a1, a2) : PERMISSION_DENIED);
      default:
        return unknown();
    }
  }

  private static boolean admin(CliLevel level) {
    return level.allows(CliLevel.ADMIN);
  }

  private static String arg(List<String> words, int i) {
    return i < words.size() ? words.get(i) : "";
  }

  private static Result unknown() {
    return Result.text("Unknown command, but maybe one of the following ones is a better match:\n"
        + HELP.substring(HELP.indexOf('\n') + 1));
  }

  private void clearCounters(boolean all) {
    List<io.hakit.proxy.backend.TrafficCounters> counters = new java.util.ArrayList<>();
    stats.frontends().forEach(f -> counters.add(f.counters()));
    for (BackendState b : stats.backends()) {
      counters.add(b.counters());
      b.servers().forEach(s -> counters.add(s.counters()));
    }
    for (io.hakit.proxy.backend.TrafficCounters c : counters) {
      if (all) {
        c.clearAll();
      } else {
        c.clearMax();
      }
    }
  }

  private Result show(List<String> words, CliLevel level, CliSession.Peer self) {
    String what = arg(words, 1);
    switch (what) {
      case "info":
        return Result.text(InfoText.info(stats));
      case "stat":
        return showStat(words.subList(2, words.size()), level);
      case "backend":
        return Result.text(InfoText.backends(stats));
      case "servers":
        if (!arg(words, 2).equals("state")) {
          return unknown();
        }
        String out = InfoText.serversState(stats, words.size() > 3 ? words.get(3) : null);
        return Result.text(out == null ? "Can't find backend.\n" : out);
      case "cli":
        return arg(words, 2).equals("level") ? Result.text(level.keyword() + "\n") : unknown();
      case "errors":
        return showErrors(words.subList(2, words.size()), level);
      case "sess":
        return Result.text(level.allows(CliLevel.OPERATOR) ? ShowSess.render(stats, self, arg(words, 2))
            : PERMISSION_DENIED);
      default:
        return unknown();
    }
  }

  /**
   * {@code show stat [<px> <type> <sid>] [typed|json|desc|up|no-maint]*}, parsed as HAProxy 2.6 does:
   * three leading words are the filter (a proxy name or id, or -1; numbers read as atoi would),
   * whatever follows are options.
   */
  private Result showStat(List<String> args, CliLevel level) {
    boolean up = false;
    boolean noMaint = false;
    String format = "csv";
    String proxy = null;
    int types = -1;
    int sid = -1;
    int i = 0;
    if (args.size() >= 3) {
      if (!args.get(0).equals("-1")) {
        proxy = args.get(0);
        String wanted = proxy;
        if (stats.proxies().stream().noneMatch(p -> p.name().equals(wanted) || Integer.toString(p.id()).equals(wanted))) {
          return Result.text("No such proxy.\n");
        }
      }
      types = atoi(args.get(1));
      sid = atoi(args.get(2));
      i = 3;
    }
    for (; i < args.size(); i++) {
      switch (args.get(i)) {
        case "up" -> up = true;
        case "no-maint" -> noMaint = true;
        case "typed", "json" -> format = args.get(i);
        case "desc" -> {
          return Result.text("show stat desc: not supported by HAKit.\n");
        }
        default -> {
          // HAProxy ignores words it does not know here.
        }
      }
    }
    StatCsv.Filter filter = new StatCsv.Filter(proxy, types, sid, up, noMaint);
    return Result.text(switch (format) {
      case "typed" -> StatTyped.typed(StatCsv.rows(stats, level, filter));
      case "json" -> StatTyped.json(StatCsv.rows(stats, level, filter));
      default -> StatCsv.render(stats, level, filter);
    });
  }

  /** {@code show errors [<px>] [request|response]}: operator level, as in HAProxy. */
  private Result showErrors(List<String> args, CliLevel level) {
    if (!level.allows(CliLevel.OPERATOR)) {
      return Result.text(PERMISSION_DENIED);
    }
    String proxy = null;
    boolean requests = true;
    boolean responses = true;
    for (String a : args) {
      if (a.equals("response")) {
        requests = false;
      } else if (a.equals("request")) {
        responses = false;
      } else if (!a.equals("-1") && proxy == null) {
        proxy = a;
      }
    }
    String out = ShowErrors.render(stats, proxy, requests, responses);
    return Result.text(out == null ? "No such proxy.\n" : out);
  }

  /** C's atoi: an optional sign and the leading digits, 0 when there are none. */
  static int atoi(String s) {
    int i = 0;
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      negative = s.charAt(i++) == '-';
    }
    long n = 0;
    for (; i < s.length() && Character.isDigit(s.charAt(i)) && n <= Integer.MAX_VALUE; i++) {
      n = n * 10 + (s.charAt(i) - '0');
    }
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, negative ? -n : n));
  }

  /** A server named {@code backend/server}, or the HAProxy error text in {@link Lookup#error}. */
  private record Lookup(@Nullable ServerState server, String error) {}

  private Lookup find(String name) {
    int slash = name.indexOf('/');
    if (slash < 0) {
      return new Lookup(null, "Require 'backend/server'.\n");
    }
    BackendState b = stats.backend(name.substring(0, slash));
    if (b == null) {
      return new Lookup(null, "No such backend.\n");
    }
    String serverName = name.substring(slash + 1);
    for (ServerState s : b.servers()) {
      if (s.name().equals(serverName)) {
        return new Lookup(s, "");
      }
    }
    return new Lookup(null, "No such server.\n");
  }

  private String getWeight(String name) {
    Lookup l = find(name);
    if (l.server() == null) {
      return l.error();
    }
    return l.server().userWeight() + " (initial " + l.server().initialWeight() + ")\n";
  }

  private String setWeight(String name, String value) {
    Lookup l = find(name);
    if (l.server() == null) {
      return l.error();
    }
    return applyWeight(l.server(), value);
  }

  /** {@code N} (0-256) or {@code N%} of the initial weight, as HAProxy parses them. */
  static String applyWeight(ServerState s, String value) {
    if (value.isEmpty()) {
      return "Require <weight> or <weight%>.\n";
    }
    boolean relative = value.endsWith("%");
    String digits = relative ? value.substring(0, value.length() - 1) : value;
    int n;
    try {
      n = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return "Empty weight string empty or preceded by garbage";
    }
    if (relative) {
      if (n < 0) {
        return "Relative weight must be positive.\n";
      }
      n = (int) Math.min(Server.MAX_WEIGHT, (long) s.initialWeight() * n / 100);
    } else if (n < 0 || n > Server.MAX_WEIGHT) {
      return "Absolute weight can only be between 0 and 256 inclusive.\n";
    }
    s.setWeight(n);
    return "";
  }

  private String setServer(List<String> words) {
    Lookup l = find(arg(words, 2));
    if (l.server() == null) {
      return l.error();
    }
    ServerState s = l.server();
    String what = arg(words, 3);
    String value = arg(words, 4);
    switch (what) {
      case "state":
        switch (value.toLowerCase(Locale.ROOT)) {
          case "ready" -> {
            s.setDraining(false);
            s.setMaintenance(false);
          }
          case "drain" -> {
            s.setMaintenance(false);
            s.setDraining(true);
          }
          case "maint" -> {
            s.setDraining(false);
            s.setMaintenance(true);
          }
          default -> {
            return "'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n";
          }
        }
        return "";
      case "weight":
        return applyWeight(s, value);
      case "addr":
        return ServerAddressChange.apply(s, words.subList(4, words.size()));
      default:
        return SET_SERVER_USAGE;
    }
  }

  private String toggle(boolean enable, String what, String name) {
    Lookup l = find(name);
    if (l.server() == null) {
      return l.error();
    }
    if (what.equals("server")) {
      l.server().setMaintenance(!enable);
    } else {
      l.server().pauseChecks(!enable);
    }
    return "";
  }
}
