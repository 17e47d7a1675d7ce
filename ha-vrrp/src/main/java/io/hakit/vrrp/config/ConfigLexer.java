package io.hakit.vrrp.config;

import io.hakit.core.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns keepalived.conf text into words the way keepalived reads it: {@code #} and {@code !} start a
 * comment, {@code "double quotes"} keep spaces, braces are words of their own even when attached
 * ({@code VI_1{}), a trailing {@code \} continues the line, {@code include GLOB} inserts files
 * (relative to the including file's directory, sorted, nested at most 8 deep), and
 * {@code $NAME=value} lines define parameters that {@code $NAME} / {@code ${NAME}} expand.
 * Conditional lines ({@code @name ...}) are not supported: warned about and skipped.
 */
final class ConfigLexer {
  private static final int MAX_INCLUDE_DEPTH = 8;

  private final Diagnostics diagnostics;
  private final List<Token> tokens = new ArrayList<>();
  private final Map<String, String> parameters = new HashMap<>();

  ConfigLexer(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  List<Token> lex(Path file) {
    readFile(file, file.getFileName() == null ? file.toString() : file.toString(), 0, Origin.UNKNOWN);
    return tokens;
  }

  List<Token> lexText(String name, String text, Path baseDir) {
    readText(name, text, baseDir, 0);
    return tokens;
  }

  private void readFile(Path file, String displayName, int depth, Origin includedFrom) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      diagnostics.error(includedFrom.isKnown() ? includedFrom : Origin.of(displayName, 0),
          "cannot read " + file + ": " + e.getMessage());
      return;
    }
    Path dir = file.toAbsolutePath().getParent();
    readText(displayName, text, dir == null ? Path.of(".") : dir, depth);
  }

  private void readText(String name, String text, Path baseDir, int depth) {
    String[] lines = text.split("\r?\n", -1);
    StringBuilder continued = null;
    int continuedFrom = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (continued != null) {
        line = continued + " " + line;
      } else {
        continuedFrom = i + 1;
      }
      if (line.endsWith("\\") && !line.endsWith("\\\\")) {
        continued = new StringBuilder(line.substring(0, line.length() - 1));
        continue;
      }
      continued = null;
      lexLine(line, Origin.of(name, continuedFrom), baseDir, depth);
    }
  }

  private void lexLine(String line, Origin origin, Path baseDir, int depth) {
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      return;
    }
    if (trimmed.startsWith("@")) {
      diagnostics.warn(origin, "conditional configuration lines ('@...') are not supported; line ignored: " + trimmed);
      return;
    }
    if (trimmed.startsWith("$") && trimmed.indexOf('=') > 1 && !trimmed.substring(0, trimmed.indexOf('=')).contains(" ")) {
      int eq = trimmed.indexOf('=');
      parameters.put(trimmed.substring(1, eq), trimmed.substring(eq + 1).strip());
      return;
    }
    List<Token> words = split(expand(line, origin), origin);
    if (!words.isEmpty() && !words.get(0).quoted() && words.get(0).text().equals("include")) {
      if (words.size() != 2) {
        diagnostics.error(origin, "include: " + (words.size() - 1) + " arguments (expected: one file or pattern)");
        return;
      }
      include(words.get(1).text(), origin, baseDir, depth);
      return;
    }
    tokens.addAll(words);
  }

  private String expand(String line, Origin origin) {
    if (line.indexOf('$') < 0) {
      return line;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '$' && i + 1 < line.length()) {
        int start = i + 1;
        int end;
        String name;
        if (line.charAt(start) == '{') {
          end = line.indexOf('}', start);
          if (end < 0) {
            out.append(c);
            i++;
            continue;
          }
          name = line.substring(start + 1, end);
          end++;
        } else {
          end = start;
          while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
            end++;
          }
          name = line.substring(start, end);
        }
        if (!name.isEmpty() && parameters.containsKey(name)) {
          out.append(parameters.get(name));
          i = end;
          continue;
        }
        if (!name.isEmpty() && line.charAt(start) == '{') {
          diagnostics.warn(origin, "parameter '" + name + "' is not defined; left as is");
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private List<Token> split(String line, Origin origin) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    boolean first = true;
    while (i < n) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '#' || c == '!') {
        break;
      }
      if (c == '{' || c == '}') {
        out.add(new Token(String.valueOf(c), origin, first, false));
        first = false;
        i++;
        continue;
      }
      if (c == '"') {
        int end = line.indexOf('"', i + 1);
        if (end < 0) {
          diagnostics.error(origin, "unterminated quoted string: " + line.substring(i));
          end = n;
        }
        out.add(new Token(line.substring(i + 1, end), origin, first, true));
        first = false;
        i = Math.min(n, end + 1);
        continue;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '{' && line.charAt(i) != '}') {
        i++;
      }
      out.add(new Token(line.substring(start, i), origin, first, false));
      first = false;
    }
    return out;
  }

  private void include(String pattern, Origin origin, Path baseDir, int depth) {
    if (depth >= MAX_INCLUDE_DEPTH) {
      diagnostics.error(origin, "include nested more than " + MAX_INCLUDE_DEPTH + " deep (a loop?): " + pattern);
      return;
    }
    Path p = baseDir.resolve(pattern);
    Path dir = p.getParent() == null ? baseDir : p.getParent();
    String glob = p.getFileName() == null ? pattern : p.getFileName().toString();
    List<Path> matches = new ArrayList<>();
    if (glob.contains("*") || glob.contains("?") || glob.contains("[")) {
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
        stream.forEach(matches::add);
      } catch (IOException e) {
        diagnostics.warn(origin, "include " + pattern + ": " + e.getMessage());
      }
      matches.sort(null);
      if (matches.isEmpty()) {
        diagnostics.warn(origin, "include " + pattern + ": no file matches");
      }
    } else {
      matches.add(p);
    }
    for (Path m : matches) {
      readFile(m, m.toString(), depth + 1, origin);
    }
  }
}
