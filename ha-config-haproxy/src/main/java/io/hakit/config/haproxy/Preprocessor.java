package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The conditional blocks and message directives of one file (HAPROXY-CFG-DIALECT.md section 3):
 * {@code .if/.elif/.else/.endif} (nesting below {@value #MAX_NESTING}) and {@code
 * .diag/.notice/.warning/.alert}. It sees every tokenized line and says whether the line reaches
 * the section parsers. Structural errors, bad expressions, {@code .alert} and unknown directives
 * stop the file, as in HAProxy. One instance per file; not thread-safe.
 */
final class Preprocessor {
  static final int MAX_NESTING = 100;

  /** One {@code .if} level. */
  private static final class Level {
    /** Lines of this level are read (this branch was taken and the outer level is live). */
    boolean live;
    /** A branch of this level was taken already, or the outer level is dead. */
    boolean done;
    boolean elseSeen;
  }

  private final Deque<Level> levels = new ArrayDeque<>();
  private final Profile profile;

  Preprocessor(Profile profile) {
    this.profile = profile;
  }

  private boolean live() {
    return levels.isEmpty() || levels.peek().live;
  }

  /** True when the statement goes on to the section parsers; false for directives and dead lines. */
  boolean accept(Statement st, VariableSource vars, Diagnostics diag) {
    String kw = st.keyword();
    if (!kw.startsWith(".")) {
      return live();
    }
    Origin at = st.origin();
    try {
      switch (kw) {
        case ".if" -> openLevel(st, vars, at, diag);
        case ".elif" -> elif(st, vars, at, diag);
        case ".else" -> elseBranch(st, at, diag);
        case ".endif" -> endif(st, at, diag);
        case ".diag", ".notice", ".warning", ".alert" -> {
          if (live()) {
            message(st, at, diag);
          }
        }
        default -> {
          if (live()) {
            diag.fatal(at, "unknown directive '" + kw + "'");
          }
        }
      }
    } catch (LineError e) {
      diag.fatal(at, e.getMessage());
    }
    return false;
  }

  private void openLevel(Statement st, VariableSource vars, Origin at, Diagnostics diag) throws LineError {
    if (levels.size() + 1 >= MAX_NESTING) {
      diag.fatal(at, "too many nested '.if', max is " + MAX_NESTING + ".");
      return;
    }
    Level level = new Level();
    if (live()) {
      level.live = ConditionExpression.evaluate(st.from(1), ".if", profile, vars);
      level.done = level.live;
    } else {
      level.done = true;
    }
    levels.push(level);
  }

  private void elif(Statement st, VariableSource vars, Origin at, Diagnostics diag) throws LineError {
    Level level = levels.peek();
    if (level == null) {
      diag.fatal(at, "lone '.elif' with no matching '.if'.");
      return;
    }
    if (level.elseSeen) {
      diag.fatal(at, "'.elif' after '.else' is not permitted.");
      return;
    }
    if (level.done) {
      level.live = false;
      return;
    }
    level.live = ConditionExpression.evaluate(st.from(1), ".elif", profile, vars);
    level.done = level.live;
  }

  private void elseBranch(Statement st, Origin at, Diagnostics diag) {
    Level level = levels.peek();
    if (level == null) {
      diag.fatal(at, "lone '.else' with no matching '.if'.");
      return;
    }
    if (level.elseSeen) {
      diag.fatal(at, "'.else' after '.else' is not permitted.");
      return;
    }
    if (st.size() > 1) {
      diag.fatal(at, "Unexpected argument '" + st.word(1) + "' for '.else'.");
      return;
    }
    level.elseSeen = true;
    level.live = !level.done;
    level.done = true;
  }

  private void endif(Statement st, Origin at, Diagnostics diag) {
    if (levels.isEmpty()) {
      diag.fatal(at, "lone '.endif' with no matching '.if'.");
      return;
    }
    if (st.size() > 1) {
      diag.fatal(at, "Unexpected argument '" + st.word(1) + "' for '.endif'.");
      return;
    }
    levels.pop();
  }

  private static void message(Statement st, Origin at, Diagnostics diag) {
    String kw = st.keyword();
    if (st.size() > 2) {
      diag.error(at, "Unexpected argument '" + st.word(2) + "' for '" + kw
          + "'. Use quotes if the message should contain spaces.");
      return;
    }
    String text = "'" + st.word(1) + "'.";
    switch (kw) {
      case ".alert" -> diag.fatal(at, text);
      case ".warning" -> diag.warning(at, text);
      case ".notice" -> diag.notice(at, text);
      default -> {
        // .diag prints only in haproxy's diagnostic mode (-dD), which check does not emulate.
      }
    }
  }

  /** End of file: an open {@code .if} is fatal. */
  void finish(Origin eof, Diagnostics diag) {
    if (!levels.isEmpty()) {
      diag.fatal(eof, "non-terminated '.if' block.");
      levels.clear();
    }
  }

  static boolean isDirective(List<String> words) {
    return !words.isEmpty() && words.get(0).startsWith(".");
  }
}
