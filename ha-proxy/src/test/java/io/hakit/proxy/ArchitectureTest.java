package io.hakit.proxy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  static void importProxy() throws Exception {
    // The rules look at package names only: no need to load every referenced JDK class (seconds).
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    proxy = new ClassFileImporter().importPaths(mainClasses());
  }

  @AfterAll
  static void resetArchUnit() {
    ArchConfiguration.get().reset();
  }

  /**
   * This module's main classes: the directory beside this test's own. Importing one directory
   * rather than scanning the class path for a package saves seconds; an empty module has none.
   */
  private static List<Path> mainClasses() throws Exception {
    Path testClasses = Path.of(ArchitectureTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path classes = testClasses.resolveSibling("classes");
    return Files.isDirectory(classes) ? List.of(classes) : List.of();
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
