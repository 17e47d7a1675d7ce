package io.hakit.core.testing;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The main classes of the module a test runs in, for the ArchUnit checks of ARCHITECTURE.md: the
 * {@code classes} directory beside the test's own {@code test-classes}. Importing one directory
 * rather than scanning the class path for a package saves seconds; an empty module gives none.
 */
public final class ModuleClasses {
  private ModuleClasses() {}

  /**
   * Imports the main classes of {@code testClass}'s module. The rules look at package names
   * only, so referenced classes are not resolved from the class path; call {@link #reset()} after.
   */
  public static JavaClasses importMain(Class<?> testClass) {
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    try {
      Path testClasses = Path.of(testClass.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path classes = testClasses.resolveSibling("classes");
      return new ClassFileImporter().importPaths(Files.isDirectory(classes) ? List.of(classes) : List.of());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the classes of " + testClass.getName(), e);
    }
  }

  /** Restores ArchUnit's global configuration. */
  public static void reset() {
    ArchConfiguration.get().reset();
  }
}
