package io.hakit.config;

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
 * ARCHITECTURE.md for ha-config-haproxy: the reader emits the core model and knows nothing of the
 * runtimes that consume it. The rules allow an empty module, so they hold from the first commit.
 */
class ArchitectureTest {
  private static JavaClasses config;

  @BeforeAll
  static void importConfig() throws Exception {
    // The rules look at package names only: no need to load every referenced JDK class (seconds).
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    config = new ClassFileImporter().importPaths(mainClasses());
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
