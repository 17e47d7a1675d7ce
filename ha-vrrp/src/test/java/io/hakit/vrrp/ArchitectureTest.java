package io.hakit.vrrp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.hakit.core.testing.ModuleClasses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md for ha-vrrp: no package cycles, no Netty, and VRRP does not know the proxy (it
 * tracks it only through ha-core's HealthSource). The rules allow an empty module.
 */
class ArchitectureTest {
  private static JavaClasses vrrp;

  @BeforeAll
  static void importVrrp() {
    vrrp = ModuleClasses.importMain(ArchitectureTest.class);
  }

  @AfterAll
  static void resetArchUnit() {
    ModuleClasses.reset();
  }

  @Test
  void vrrpPackages_haveNoCycles() {
    slices().matching("io.hakit.vrrp.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(vrrp);
  }

  @Test
  void vrrp_neverDependsOnProxyConfigReaderOrNetty() {
    noClasses().that().resideInAPackage("io.hakit.vrrp..")
        .should().dependOnClassesThat().resideInAnyPackage("io.hakit.proxy..", "io.hakit.config..", "io.netty..")
        .allowEmptyShould(true)
        .check(vrrp);
  }
}
