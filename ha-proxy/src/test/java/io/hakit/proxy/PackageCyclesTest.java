package io.hakit.proxy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The proxy's packages form no cycle, and the balancers stay free of Netty (ARCHITECTURE.md). */
class PackageCyclesTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.hakit.proxy");

  @Test
  void packages_noCycles() {
    slices().matching("io.hakit.proxy.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void balancers_noNettyTypes() {
    noClasses().that().resideInAPackage("io.hakit.proxy.balance..").should().dependOnClassesThat()
        .resideInAPackage("io.netty..").check(CLASSES);
  }
}
