package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Cross-element checks of a model, HAProxy's {@code check_config_validity} in small: unique proxy
 * and server names, backend references, ACL references, modes that can be joined. Collects every
 * problem before throwing one {@link ModelException}.
 */
final class ModelValidator {
  private final List<ModelException.Problem> problems = new ArrayList<>();

  private ModelValidator() {}

  static void validate(List<Frontend> frontends, List<Backend> backends) {
    ModelValidator v = new ModelValidator();
    Map<String, Backend> byName = v.uniqueBackends(backends);
    v.uniqueFrontends(frontends);
    for (Frontend f : frontends) {
      v.checkFrontend(f, byName);
    }
    for (Backend b : backends) {
      v.checkBackend(b);
    }
    if (!v.problems.isEmpty()) {
      throw new ModelException(v.problems);
    }
  }

  private void problem(Origin origin, String message) {
    problems.add(new ModelException.Problem(origin, message));
  }

  private Map<String, Backend> uniqueBackends(List<Backend> backends) {
    Map<String, Backend> byName = new HashMap<>();
    for (Backend b : backends) {
      Backend previous = byName.putIfAbsent(b.name(), b);
      if (previous != null) {
        problem(b.origin(), "backend '" + b.name() + "' has the same name as backend '" + b.name()
            + "' declared at " + previous.origin());
      }
    }
    return byName;
  }

  private void uniqueFrontends(List<Frontend> frontends) {
    Map<String, Frontend> byName = new HashMap<>();
    for (Frontend f : frontends) {
      Frontend previous = byName.putIfAbsent(f.name(), f);
      if (previous != null) {
        problem(f.origin(), "frontend '" + f.name() + "' has the same name as frontend '" + f.name()
            + "' declared at " + previous.origin());
      }
    }
  }

  private void checkFrontend(Frontend f, Map<String, Backend> backends) {
    String where = "frontend '" + f.name() + "'";
    Set<String> acls = aclNames(f.acls());
    String defaultBackend = f.defaultBackend();
    if (defaultBackend != null && !defaultBackend.contains("%[")) {
      checkBackendRef(where, "default_backend", defaultBackend, f, backends, f.origin());
    }
    for (BackendRule rule : f.backendRules()) {
      if (!rule.isDynamic()) {
        checkBackendRef(where, "use_backend", rule.backend(), f, backends, rule.origin());
      }
      checkCondition(where, rule.condition(), acls, rule.origin());
    }
    for (HttpRule rule : f.httpRequestRules()) {
      checkCondition(where, rule.condition(), acls, rule.origin());
    }
    for (HttpRule rule : f.httpResponseRules()) {
      checkCondition(where, rule.condition(), acls, rule.origin());
    }
    checkCondition(where, f.stats().admin(), acls, f.origin());
  }

  private void checkBackendRef(String where, String keyword, String name, Frontend f, Map<String, Backend> backends,
      Origin origin) {
    Backend target = backends.get(name);
    if (target == null) {
      problem(origin, where + ": " + keyword + ": unable to find required " + keyword.replace("_", " ")
          + " '" + name + "'");
    } else if (f.mode() == Mode.HTTP && target.mode() == Mode.TCP) {
      problem(origin, where + ": " + keyword + ": HTTP frontend cannot use TCP backend '" + name + "'");
    }
  }

  private void checkBackend(Backend b) {
    String where = "backend '" + b.name() + "'";
    Map<String, Server> servers = new HashMap<>();
    for (Server s : b.servers()) {
      Server previous = servers.putIfAbsent(s.name(), s);
      if (previous != null) {
        problem(s.origin(), where + ", another server named '" + s.name() + "' was already defined at "
            + previous.origin() + ", please use distinct names");
      }
    }
    Set<String> acls = aclNames(b.acls());
    for (ServerRule rule : b.serverRules()) {
      if (!servers.containsKey(rule.server())) {
        problem(rule.origin(), where + ": use-server: no server named '" + rule.server() + "'");
      }
      checkCondition(where, rule.condition(), acls, rule.origin());
    }
    for (HttpRule rule : b.httpRequestRules()) {
      checkCondition(where, rule.condition(), acls, rule.origin());
    }
    for (HttpRule rule : b.httpResponseRules()) {
      checkCondition(where, rule.condition(), acls, rule.origin());
    }
    checkCondition(where, b.stats().admin(), acls, b.origin());
  }

  private static Set<String> aclNames(List<Acl> acls) {
    Set<String> names = new HashSet<>();
    for (Acl a : acls) {
      names.add(a.name());
    }
    return names;
  }

  private void checkCondition(String where, @Nullable Condition condition, Set<String> acls, Origin origin) {
    if (condition == null) {
      return;
    }
    for (List<AclTerm> and : condition.alternatives()) {
      for (AclTerm term : and) {
        String name = term.name();
        if (name != null && !acls.contains(name) && !PredefinedAcls.NAMES.contains(name)) {
          problem(origin, where + ": no such ACL : '" + name + "'");
        }
      }
    }
  }
}
