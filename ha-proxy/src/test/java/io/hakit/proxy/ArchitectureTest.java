package io.hakit.proxy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
    // The rules look at package names only: no need to load every referenced JDK class (seconds).
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    proxy = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_ARCHIVES)
        .importPackages("io.hakit.proxy");
  }

  @AfterAll
  static void resetArchUnit() {
    ArchConfiguration.get().reset();
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
}
