package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import io.hakit.core.model.ProxyModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads haproxy.cfg files into a {@link ProxyModel} with HAProxy 2.6's verdicts. Files are read in
 * order (a directory contributes its {@code *.cfg} files in name order), each starting outside any
 * section, as {@code haproxy -f a -f b} does. Immutable and thread-safe: each {@link #read} uses
 * its own parser state on the calling thread.
 *
 * <pre>{@code
 * ConfigResult r = new HaproxyConfigReader().read(List.of(Path.of("haproxy.cfg")));
 * ProxyModel model = r.model();   // r.warnings(): what haproxy -c would warn about
 * }</pre>
 */
public final class HaproxyConfigReader {
  /**
   * How to read.
   *
   * @param strict follow 2.6 exactly (see {@link Deviations}: the legacy header address is an error)
   * @param environment the variables {@code "${NAME}"} sees
   * @param origins record each element's file and line; off only to compare a parsed model with
   *     one built in code (then diagnostics after the tokenizer carry no line either)
   */
  public record Options(boolean strict, Map<String, String> environment, boolean origins) {
    public Options {
      environment = Map.copyOf(environment);
    }

    public Options(boolean strict, Map<String, String> environment) {
      this(strict, environment, true);
    }

    /** Lenient mode with the process environment. */
    public static Options defaults() {
      return new Options(false, System.getenv());
    }
  }

  private static final Logger logger = LoggerFactory.getLogger(HaproxyConfigReader.class);

  private final Options options;

  public HaproxyConfigReader() {
    this(Options.defaults());
  }

  public HaproxyConfigReader(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Reads the files into a model.
   *
   * @throws ConfigException with every error, each {@code file:line: message}
   */
  public ConfigResult read(List<Path> files) {
    ConfigParser parser = newParser();
    for (Path file : expand(files, parser.diag)) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        parser.diag.error(Origin.UNKNOWN, "Could not open configuration file " + file + " : " + reason(e));
        continue;
      }
      Path dir = Path.of("");
      parser.parseFile(file.toString(), bytes, dir);
    }
    return finish(parser);
  }

  /** Reads configuration text as if it were a file called {@code name}. */
  public ConfigResult read(String name, String text) {
    ConfigParser parser = newParser();
    parser.parseFile(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), Path.of(""));
    return finish(parser);
  }

  private ConfigParser newParser() {
    return new ConfigParser(new Variables(options.environment()), Profile.HAPROXY_2_6, options.strict(),
        options.origins());
  }

  private static ConfigResult finish(ConfigParser parser) {
    ProxyModel model = new ModelAssembler(parser).assemble();
    Diagnostics diag = parser.diag;
    if (model == null || diag.hasErrors()) {
      logger.debug("configuration refused: {} error(s)", diag.errorCount());
      throw new ConfigException(diag.errors(), diag.nonErrors());
    }
    logger.debug("configuration read: {} frontend(s), {} backend(s), {} warning(s)", model.frontends().size(),
        model.backends().size(), diag.nonErrors().size());
    return new ConfigResult(model, diag.nonErrors());
  }

  private static String reason(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException ? "No such file or directory" : String.valueOf(e.getMessage());
  }

  private static List<Path> expand(List<Path> files, Diagnostics diag) {
    List<Path> out = new ArrayList<>();
    for (Path p : files) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.getFileName().toString().endsWith(".cfg") && Files.isRegularFile(f)).sorted()
              .forEach(out::add);
        } catch (IOException e) {
          diag.error(Origin.UNKNOWN, "Could not open configuration directory " + p + " : " + reason(e));
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }
}
