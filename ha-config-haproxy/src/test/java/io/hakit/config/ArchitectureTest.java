package io.hakit.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.hakit.core.testing.ModuleClasses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md for ha-config-haproxy: the reader emits the core model and knows nothing of the
 * runtimes that consume it. The rules allow an empty module, so they hold from the first commit.
 */
class ArchitectureTest {
  private static JavaClasses config;

  @BeforeAll
  static void importConfig() {
    config = ModuleClasses.importMain(ArchitectureTest.class);
  }

  @AfterAll
  static void resetArchUnit() {
    ModuleClasses.reset();
  }

  @Test
  void configPackages_haveNoCycles() {
    slices().matching("io.hakit.config.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(config);
  }

  @Test
  void config_dependsOnNoRuntime() {
    noClasses().that().resideInAPackage("io.hakit.config..")
        .should().dependOnClassesThat().resideInAnyPackage("io.hakit.proxy..", "io.hakit.vrrp..", "io.netty..",
            "com.sun.jna..")
        .allowEmptyShould(true)
        .check(config);
  }
}
