package io.hakit.proxy;

import io.hakit.core.model.Acl;
import io.hakit.core.model.AclFlags;
import io.hakit.core.model.Backend;
import io.hakit.core.model.BackendRule;
import io.hakit.core.model.Bind;
import io.hakit.core.model.Condition;
import io.hakit.core.model.ForwardFor;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.HttpConnectionMode;
import io.hakit.core.model.LogSettings;
import io.hakit.core.model.LogStyle;
import io.hakit.core.model.Mode;
import io.hakit.core.model.Server;
import io.hakit.core.model.TimeoutKind;
import io.hakit.core.net.Cidr;
import io.hakit.core.net.Endpoint;
import io.hakit.core.Origin;
import java.time.Duration;
import java.util.List;

/** Builds the seed's model (and variants) with the ha-core builders, on given ports. */
public final class Models {
  private Models() {}

  /** The seed's defaults applied to a frontend builder. */
  public static Frontend.Builder seedFrontend(String name, int port) {
    return Frontend.builder(name).mode(Mode.HTTP).bind(Bind.of(Endpoint.of("127.0.0.1", port)))
        .connectionMode(HttpConnectionMode.SERVER_CLOSE)
        .forwardFor(new ForwardFor(Cidr.parse("127.0.0.0/8"), ForwardFor.DEFAULT_HEADER, false))
        .log(new LogSettings(List.of(), LogStyle.HTTPLOG, null, true, false))
        .timeout(TimeoutKind.HTTP_REQUEST, Duration.ofSeconds(10))
        .timeout(TimeoutKind.CLIENT, Duration.ofMinutes(1))
        .timeout(TimeoutKind.HTTP_KEEP_ALIVE, Duration.ofSeconds(10))
        .maxconn(3000);
  }

  /** The seed's defaults applied to a backend builder. */
  public static Backend.Builder seedBackend(String name) {
    return Backend.builder(name).mode(Mode.HTTP).connectionMode(HttpConnectionMode.SERVER_CLOSE)
        .forwardFor(new ForwardFor(Cidr.parse("127.0.0.0/8"), ForwardFor.DEFAULT_HEADER, false))
        .redispatch(true).retries(3)
        .timeout(TimeoutKind.QUEUE, Duration.ofMinutes(1))
        .timeout(TimeoutKind.CONNECT, Duration.ofSeconds(10))
        .timeout(TimeoutKind.SERVER, Duration.ofMinutes(1))
        .timeout(TimeoutKind.CHECK, Duration.ofSeconds(10));
  }

  /** The seed's url_static ACL lines (two lines, one name: OR-ed). */
  public static Frontend.Builder withStaticAcl(Frontend.Builder f) {
    AclFlags i = new AclFlags(true, null, List.of(), false);
    return f.acl(new Acl("url_static", "path_beg", i, List.of("/static", "/images", "/javascript", "/stylesheets"),
            Origin.UNKNOWN))
        .acl(new Acl("url_static", "path_end", i, List.of(".jpg", ".gif", ".png", ".css", ".js"), Origin.UNKNOWN))
        .backendRule(new BackendRule("static", Condition.ifAcl("url_static"), Origin.UNKNOWN))
        .defaultBackend("app");
  }

  public static Server server(String name, int port) {
    return Server.builder(name, Endpoint.of("127.0.0.1", port)).build();
  }

  /** The seed: main on {@code port}, static on one origin, app on the others (roundrobin). */
  public static io.hakit.core.model.ProxyModel seed(int port, int staticPort, int... appPorts) {
    Backend.Builder app = seedBackend("app");
    for (int i = 0; i < appPorts.length; i++) {
      app.server(server("app" + (i + 1), appPorts[i]));
    }
    return io.hakit.core.model.ProxyModel.builder()
        .frontend(withStaticAcl(seedFrontend("main", port)).build())
        .backend(seedBackend("static").server(server("static", staticPort)).build())
        .backend(app.build())
        .build();
  }
}
