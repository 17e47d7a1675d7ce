package io.hakit.vrrp;

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
 * ARCHITECTURE.md for ha-vrrp: no package cycles, no Netty, and VRRP does not know the proxy (it
 * tracks it only through ha-core's HealthSource). The rules allow an empty module.
 */
class ArchitectureTest {
  private static JavaClasses vrrp;

  @BeforeAll
  static void importVrrp() throws Exception {
    // The rules look at package names only: no need to load every referenced JDK class (seconds).
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    vrrp = new ClassFileImporter().importPaths(mainClasses());
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
