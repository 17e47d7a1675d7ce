package io.hakit.proxy.acl;

import io.hakit.core.net.Cidr;
import org.jspecify.annotations.Nullable;

/** HAProxy's predefined ACLs (configuration manual 7.4) that this runtime evaluates. */
final class PredefinedAclPredicates {
  private static final Cidr LOOPBACK4 = Cidr.parse("127.0.0.0/8");
  private static final Cidr LOOPBACK6 = Cidr.parse("::1/128");

  private PredefinedAclPredicates() {}

  static @Nullable AclPredicate of(String name) {
    return switch (name) {
      case "TRUE" -> AclPredicate.TRUE;
      case "FALSE" -> AclPredicate.FALSE;
      case "HTTP" -> s -> s.version() != 0;
      case "HTTP_1.0" -> s -> s.version() == 10;
      case "HTTP_1.1" -> s -> s.version() == 11;
      case "HTTP_URL_SLASH" -> s -> s.uri().startsWith("/");
      case "HTTP_URL_STAR" -> s -> s.uri().equals("*");
      case "HTTP_URL_ABS" -> s -> s.uri().contains("://");
      case "LOCALHOST" -> s -> LOOPBACK4.contains(s.sourceAddress()) || LOOPBACK6.contains(s.sourceAddress());
      case "METH_CONNECT", "METH_DELETE", "METH_OPTIONS", "METH_POST", "METH_PUT", "METH_TRACE" -> {
        String m = name.substring(5);
        yield s -> s.method().equals(m);
      }
      case "METH_GET" -> s -> s.method().equals("GET") || s.method().equals("HEAD");
      case "METH_HEAD" -> s -> s.method().equals("HEAD");
      default -> null;
    };
  }
}
