package io.hakit.proxy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.hakit.core.testing.ModuleClasses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md for ha-proxy: no package cycles, and the proxy does not know VRRP (the node
 * wiring in ha-examples joins them). The rules allow an empty module, so they hold from the start.
 */
class ArchitectureTest {
  private static JavaClasses proxy;

  @BeforeAll
  static void importProxy() {
    proxy = ModuleClasses.importMain(ArchitectureTest.class);
  }

  @AfterAll
  static void resetArchUnit() {
    ModuleClasses.reset();
  }

  @Test
  void proxyPackages_haveNoCycles() {
    slices().matching("io.hakit.proxy.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(proxy);
  }

  @Test
  void proxy_neverDependsOnVrrpOrConfigReader() {
    noClasses().that().resideInAPackage("io.hakit.proxy..")
        .should().dependOnClassesThat().resideInAnyPackage("io.hakit.vrrp..", "io.hakit.config..")
        .allowEmptyShould(true)
        .check(proxy);
  }

  @Test
  void balancers_noNettyTypes() {
    noClasses().that().resideInAPackage("io.hakit.proxy.balance..").should().dependOnClassesThat()
        .resideInAPackage("io.netty..").check(proxy);
  }
}
