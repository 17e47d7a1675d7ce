package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import io.hakit.core.model.Backend;
import io.hakit.core.model.BackendRule;
import io.hakit.core.model.BalanceSpec;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.LogSettings;
import io.hakit.core.model.LogStyle;
import io.hakit.core.model.Mode;
import io.hakit.core.model.ModelException;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.model.Setting;
import io.hakit.core.model.StatsSpec;
import io.hakit.core.model.TimeoutKind;
import io.hakit.core.model.Timeouts;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns the parsed drafts into the model, HAProxy's {@code check_config_validity} in small:
 * resolves {@code default_backend}/{@code use_backend} targets and their modes, splits each
 * {@code listen} into a frontend and a backend of the same name, keeps on each half only what that
 * side uses, warns about missing binds and timeouts, and turns model validation failures into
 * errors at the line that caused them.
 */
final class ModelAssembler {
  private final ConfigParser parser;
  private final Diagnostics diag;

  ModelAssembler(ConfigParser parser) {
    this.parser = parser;
    this.diag = parser.diag;
  }

  /** The model, or null when an error was reported (now or while parsing). */
  @Nullable ProxyModel assemble() {
    if (!parser.global.masterWorker) {
      for (Origin at : parser.programSections) {
        diag.error(at, "Can't use a 'program' section without master worker mode.");
      }
    }
    Map<String, ProxyDraft> backends = new HashMap<>();
    for (ProxyDraft p : parser.proxies.proxies) {
      if (p.type.backend()) {
        backends.put(p.name, p);
      }
    }
    for (ProxyDraft p : parser.proxies.proxies) {
      checkErrorfiles(p);
      if (p.type.backend()) {
        checkTracks(p, backends);
      }
    }
    ReferenceChecks.check(parser.proxies.proxies, backends, diag);
    ProxyModel.Builder model = ProxyModel.builder();
    for (ProxyDraft p : parser.proxies.proxies) {
      if (p.type.frontend()) {
        checkReferences(p, backends);
        checkFormatsForMode(p);
        warnFrontend(p);
        Frontend f = frontend(p);
        if (f != null) {
          model.frontend(f);
        }
      }
      if (p.type.backend()) {
        warnBackend(p);
        Backend b = backend(p);
        if (b != null) {
          model.backend(b);
        }
      }
    }
    try {
      model.global(parser.global.settings.build());
    } catch (ModelException e) {
      report(e);
    }
    if (diag.hasErrors()) {
      return null;
    }
    try {
      return model.build();
    } catch (ModelException e) {
      report(e);
      return null;
    }
  }

  private void report(ModelException e) {
    for (ModelException.Problem p : e.problems()) {
      diag.error(p.origin(), p.message());
    }
  }

  private void checkReferences(ProxyDraft p, Map<String, ProxyDraft> backends) {
    String label = "Proxy '" + p.name + "'";
    if (p.defaultBackend != null && !LogFormats.isDynamic(p.defaultBackend)) {
      ProxyDraft be = backends.get(p.defaultBackend);
      if (be == p) {
        diag.error(p.defaultBackendOrigin, label + ": loop detected for default_backend: '" + p.name + "'.");
      } else if (be == null) {
        diag.error(p.defaultBackendOrigin, label + ": unable to find required default_backend: '" + p.defaultBackend
            + "'.");
      } else {
        checkMode(p, be, "as its default backend", p.defaultBackendOrigin);
      }
    }
    for (BackendRule r : p.backendRules) {
      if (LogFormats.isDynamic(r.backend())) {
        continue;
      }
      ProxyDraft be = backends.get(r.backend());
      if (be == p) {
        diag.error(r.origin(), label + ": loop detected for use_backend: '" + p.name + "'.");
      } else if (be == null) {
        diag.error(r.origin(), label + ": unable to find required use_backend: '" + r.backend() + "'.");
      } else {
        checkMode(p, be, "in a 'use_backend' rule", r.origin());
      }
    }
  }

  private void checkErrorfiles(ProxyDraft p) {
    for (List<io.hakit.core.model.Setting> extras : List.of(p.frontendExtras, p.backendExtras)) {
      for (io.hakit.core.model.Setting s : extras) {
        if (s.keyword().equals("errorfiles") && !parser.httpErrorsSections.contains(s.args().isEmpty() ? ""
            : s.args().get(0))) {
          diag.error(s.origin(), "proxy '" + p.name + "': unknown http-errors section '"
              + (s.args().isEmpty() ? "" : s.args().get(0)) + "'.");
          return;
        }
      }
    }
  }

  /** {@code track [<backend>/]<server>}: the tracked server must exist and be checked. */
  private void checkTracks(ProxyDraft p, Map<String, ProxyDraft> backends) {
    for (io.hakit.core.model.Server s : p.servers) {
      for (io.hakit.core.model.Setting o : s.options()) {
        if (o.keyword().equals("resolvers") && !o.args().isEmpty()
            && !parser.resolversSections.contains(o.args().get(0))) {
          diag.error(s.origin(), "backend '" + p.name + "', server '" + s.name() + "': unable to find required"
              + " resolvers '" + o.args().get(0) + "'");
        }
        if (!o.keyword().equals("track") || o.args().isEmpty()) {
          continue;
        }
        String ref = o.args().get(0);
        int slash = ref.indexOf('/');
        ProxyDraft be = slash < 0 ? p : backends.get(ref.substring(0, slash));
        String name = slash < 0 ? ref : ref.substring(slash + 1);
        io.hakit.core.model.Server target = null;
        if (be != null) {
          for (io.hakit.core.model.Server t : be.servers) {
            if (t.name().equals(name)) {
              target = t;
            }
          }
        }
        String label = "'server " + p.name + "/" + s.name() + "' : ";
        if (target == null) {
          diag.error(s.origin(), label + "unable to find required server '" + ref + "' for tracking.");
        } else if (!target.check().enabled() && target.options().stream().noneMatch(x -> x.keyword().equals(
            "agent-check"))) {
          diag.error(s.origin(), label + "unable to use " + be.name + "/" + name + " for tracking as it does not"
              + " have any check nor agent enabled.");
        }
      }
    }
  }

  private void checkMode(ProxyDraft fe, ProxyDraft be, String how, Origin at) {
    if (fe.mode == Mode.HTTP && be.mode == Mode.TCP) {
      diag.error(at, "http frontend '" + fe.name + "' (" + fe.origin + ") tries to use incompatible tcp"
          + " backend '" + be.name + "' (" + be.origin + ") " + how + " (see 'mode').");
    }
  }

  /** HAProxy 2.6 compiles a proxy's formats after parsing, for the mode it ends up with. */
  private void checkFormatsForMode(ProxyDraft p) {
    if (p.mode == Mode.HTTP) {
      return;
    }
    String logVar = p.logStyle == LogStyle.CUSTOM && p.logFormat != null ? LogFormats.httpOnlyVariable(p.logFormat)
        : null;
    if (logVar != null) {
      diag.error(p.logFormatOrigin, "failed to parse log-format : format variable '" + logVar
          + "' is reserved for HTTP mode.");
    }
    for (Setting s : p.frontendExtras) {
      String uidVar = s.keyword().equals("unique-id-format") && !s.args().isEmpty()
          ? LogFormats.httpOnlyVariable(s.args().get(0)) : null;
      if (uidVar != null) {
        diag.error(s.origin(), "failed to parse unique-id : format variable '" + uidVar
            + "' is reserved for HTTP mode.");
      }
    }
  }

  private void warnFrontend(ProxyDraft p) {
    if (p.binds.isEmpty()) {
      diag.warning(p.origin, p.type.label() + " '" + p.name + "' has no 'bind' directive. Please declare it as"
          + " a backend if this was intended.");
    }
    if (!p.timeouts.containsKey(TimeoutKind.CLIENT)
        || (p.type.backend() && !(p.timeouts.containsKey(TimeoutKind.CONNECT)
            && p.timeouts.containsKey(TimeoutKind.SERVER)))) {
      diag.warning(p.origin, "missing timeouts for " + p.type.label() + " '" + p.name + "'.");
    }
  }

  private void warnBackend(ProxyDraft p) {
    if (p.type == SectionType.BACKEND
        && !(p.timeouts.containsKey(TimeoutKind.CONNECT) && p.timeouts.containsKey(TimeoutKind.SERVER))) {
      diag.warning(p.origin, "missing timeouts for backend '" + p.name + "'.");
    }
  }

  private static Timeouts timeouts(ProxyDraft p, boolean frontend) {
    Map<TimeoutKind, Duration> m = new EnumMap<>(TimeoutKind.class);
    p.timeouts.forEach((k, v) -> {
      if (frontend ? TimeoutKeyword.forFrontend(k) : TimeoutKeyword.forBackend(k)) {
        m.put(k, v);
      }
    });
    return new Timeouts(m);
  }

  private static StatsSpec stats(ProxyDraft.StatsDraft s) {
    return new StatsSpec(s.enabled, s.uri == null ? StatsSpec.DEFAULT_URI : s.uri, s.auth, s.realm, s.refresh,
        s.admin, s.hideVersion, s.other);
  }

  private @Nullable Frontend frontend(ProxyDraft p) {
    try {
      Frontend.Builder b = Frontend.builder(p.name).mode(p.mode).timeouts(timeouts(p, true)).maxconn(p.maxconn)
          .connectionMode(p.connectionMode).forwardFor(p.forwardFor).monitorUri(p.monitorUri).stats(stats(p.stats))
          .disabled(p.disabled).origin(p.origin)
          .log(new LogSettings(p.logTargets, p.logStyle, p.logStyle == LogStyle.CUSTOM ? p.logFormat : null,
              p.dontLogNull, false, p.logStyle == LogStyle.CUSTOM ? p.logFormatOrigin : Origin.UNKNOWN));
      String defaultBackend = p.defaultBackend;
      if (defaultBackend == null && p.type == SectionType.LISTEN) {
        defaultBackend = p.name;
      }
      b.defaultBackend(defaultBackend);
      p.binds.forEach(b::bind);
      p.acls.forEach(b::acl);
      p.httpRequestRules.forEach(b::httpRequestRule);
      p.httpResponseRules.forEach(b::httpResponseRule);
      p.backendRules.forEach(b::backendRule);
      p.captures.forEach(b::capture);
      p.errorFiles.forEach(b::errorFile);
      p.options.forEach((k, v) -> {
        if (OptionKeywords.flagFor(k, true)) {
          b.option(k, v);
        }
      });
      p.frontendExtras.forEach(b::extra);
      return b.build();
    } catch (ModelException e) {
      report(e);
      return null;
    }
  }

  private @Nullable Backend backend(ProxyDraft p) {
    boolean listen = p.type == SectionType.LISTEN;
    try {
      Backend.Builder b = Backend.builder(p.name).mode(p.mode)
          .balance(new BalanceSpec(p.balanceAlgorithm, p.balanceArgs, p.hash, p.balanceOrigin))
          .healthCheck(p.healthCheck).timeouts(timeouts(p, false)).retries(p.retries).retryOn(p.retryOn)
          .redispatch(p.redispatch).connectionMode(p.connectionMode).forwardFor(p.forwardFor).fullconn(p.fullconn)
          .cookie(p.cookie).httpReuse(p.httpReuse).disabled(p.disabled).origin(p.origin)
          .stats(listen ? StatsSpec.DISABLED : stats(p.stats))
          .log(new LogSettings(p.logTargets, LogStyle.NONE, null, false, p.logHealthChecks));
      p.servers.forEach(b::server);
      p.acls.forEach(b::acl);
      if (!listen) {
        p.httpRequestRules.forEach(b::httpRequestRule);
        p.httpResponseRules.forEach(b::httpResponseRule);
      }
      p.serverRules.forEach(b::serverRule);
      p.errorFiles.forEach(b::errorFile);
      p.options.forEach((k, v) -> {
        if (OptionKeywords.flagFor(k, false)) {
          b.option(k, v);
        }
      });
      p.backendExtras.forEach(b::extra);
      return b.build();
    } catch (ModelException e) {
      report(e);
      return null;
    }
  }

}
