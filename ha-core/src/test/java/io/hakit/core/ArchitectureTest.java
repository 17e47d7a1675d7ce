package io.hakit.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.hakit.core.testing.ModuleClasses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md for ha-core: the bottom of the module graph. It knows no transport (no Netty, no
 * JNA), its packages form no cycle, and the model is plain data over the root and net packages.
 */
class ArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = ModuleClasses.importMain(ArchitectureTest.class);
  }

  @AfterAll
  static void resetArchUnit() {
    ModuleClasses.reset();
  }

  @Test
  void corePackages_haveNoCycles() {
    slices().matching("io.hakit.core.(*)..").should().beFreeOfCycles().check(core);
  }

  @Test
  void rootPackage_dependsOnNoSubpackage() {
    // Origin and HaException sit under every subpackage; a back edge would be a cycle the slices miss.
    noClasses().that().resideInAPackage("io.hakit.core")
        .should().dependOnClassesThat(resideInAPackage("io.hakit.core..").and(not(resideInAPackage("io.hakit.core"))))
        .check(core);
  }

  @Test
  void core_usesNoNettyAndNoJna() {
    noClasses().that().resideInAPackage("io.hakit.core..")
        .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "com.sun.jna..")
        .check(core);
  }

  @Test
  void model_dependsOnlyOnRootNetAndJdk() {
    // org.jspecify: the @Nullable/@NullMarked annotations, which carry no behaviour.
    classes().that().resideInAPackage("io.hakit.core.model..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.hakit.core", "io.hakit.core.model..", "io.hakit.core.net..", "java..", "org.jspecify.annotations..")
        .check(core);
  }

  @Test
  void imported_isTheMainCodeOnly() {
    // Guards the rules above against passing on nothing: the main classes are there, tests are not.
    org.assertj.core.api.Assertions.assertThat(core.containPackage("io.hakit.core.model")).isTrue();
    org.assertj.core.api.Assertions.assertThat(core.containPackage("io.hakit.core.net")).isTrue();
    org.assertj.core.api.Assertions.assertThat(core.contain(ArchitectureTest.class)).isFalse();
  }
}
