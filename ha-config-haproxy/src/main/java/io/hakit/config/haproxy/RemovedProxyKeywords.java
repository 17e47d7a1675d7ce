package io.hakit.config.haproxy;

import java.util.ArrayList;
import java.util.List;

/** Keywords HAProxy removed but still recognises with a migration message (always fatal). */
final class RemovedProxyKeywords {
  private RemovedProxyKeywords() {}

  static List<ProxyKeyword> keywords() {
    List<ProxyKeyword> list = new ArrayList<>();
    list.add(ProxyKeyword.removed("block", "The 'block' directive is not supported anymore since HAProxy 2.1. Use"
        + " 'http-request deny' which uses the exact same syntax."));
    for (String kw : List.of("reqadd", "reqrep", "reqirep", "reqdel", "reqidel", "reqdeny", "reqideny", "reqpass",
        "reqipass", "reqallow", "reqiallow", "reqtarpit", "reqitarpit", "rspadd", "rsprep", "rspirep", "rspdel",
        "rspidel", "rspdeny", "rspideny")) {
      list.add(ProxyKeyword.removed(kw, "The '" + kw + "' directive is not supported anymore since HAProxy 2.1."));
    }
    list.add(ProxyKeyword.removed("monitor-net", "'monitor-net' doesn't exist anymore. Please use 'http-request"
        + " return status 200 if { src <net> }' instead."));
    list.add(ProxyKeyword.removed("clitimeout", "the 'clitimeout' directive is not supported anymore since HAProxy"
        + " 2.1. Use 'timeout client'."));
    list.add(ProxyKeyword.removed("srvtimeout", "the 'srvtimeout' directive is not supported anymore since HAProxy"
        + " 2.1. Use 'timeout server'."));
    list.add(ProxyKeyword.removed("contimeout", "the 'contimeout' directive is not supported anymore since HAProxy"
        + " 2.1. Use 'timeout connect'."));
    list.add(ProxyKeyword.removed("grace", "the 'grace' keyword is not supported any more since HAProxy version"
        + " 2.5."));
    return list;
  }
}
