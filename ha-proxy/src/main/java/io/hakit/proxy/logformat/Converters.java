package io.hakit.proxy.logformat;

import io.hakit.proxy.internal.DidYouMean;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/** The converters HAKit evaluates (7.3.1), compiled with their arguments. */
final class Converters {
  private record Def(Args.Spec args, Function<Args, Converter> factory) {}

  private static final Map<String, Def> TABLE = new TreeMap<>();

  static {
    TABLE.put("lower", new Def(Args.Spec.NONE, a -> s -> s.set(s.asString().toLowerCase(Locale.ROOT))));
    TABLE.put("upper", new Def(Args.Spec.NONE, a -> s -> s.set(s.asString().toUpperCase(Locale.ROOT))));
    TABLE.put("base64", new Def(Args.Spec.NONE, a -> s -> s.set(Base64.getEncoder().encodeToString(s.asBytes()))));
    TABLE.put("hex", new Def(Args.Spec.NONE, a -> s -> {
      StringBuilder b = new StringBuilder();
      Render.hexBytes(b, s.asBytes());
      return s.set(b.toString());
    }));
    TABLE.put("json", new Def(new Args.Spec("s", 0), Converters::json));
    TABLE.put("word", new Def(new Args.Spec("isi", 2), a -> words(a, true)));
    TABLE.put("field", new Def(new Args.Spec("isi", 2), a -> words(a, false)));
    TABLE.put("regsub", new Def(new Args.Spec("sss", 2), Converters::regsub));
  }

  private Converters() {}

  static Converter compile(String name, @Nullable String rawArgs, String argsText, String rest) {
    Def def = TABLE.get(name);
    if (def == null) {
      throw new FormatException("failed to parse sample expression <" + rest + "> : unknown converter '" + name + "'"
          + DidYouMean.hint(name, TABLE.keySet()) + " (this runtime supports: " + String.join(", ", TABLE.keySet())
          + ").");
    }
    try {
      return def.factory().apply(Args.parse(rawArgs == null ? "" : rawArgs, rawArgs != null, def.args(), true, name,
          argsText));
    } catch (FormatException e) {
      throw new FormatException("failed to parse sample expression <" + rest + "> : " + e.getMessage());
    }
  }

  private static Converter json(Args a) {
    String mode = a.size() > 0 ? a.string(0).trim() : "ascii";
    if (!mode.equals("ascii")) {
      throw new FormatException("invalid arg 1 in converter 'json' : json: mode '" + mode
          + "' is not supported by this runtime (expected: ascii).");
    }
    return s -> s.set(Encoding.json(s.asString()));
  }

  /**
   * word(index,delimiters[,count]) skips empty words; field(...) counts them. Index from 1, or
   * from the end when negative; the result spans {@code count} words with the delimiters between
   * them (0 = to the end).
   */
  private static Converter words(Args a, boolean skipEmpty) {
    int index = a.integer(0, 1);
    String delimiters = a.string(1);
    int count = a.integer(2, 1);
    if (index == 0) {
      throw new FormatException("invalid arg 1 in converter '" + (skipEmpty ? "word" : "field")
          + "' : index must not be 0.");
    }
    return s -> {
      String r = Encoding.words(s.asString(), index, delimiters, count, skipEmpty);
      return s.set(r);
    };
  }

  private static Converter regsub(Args a) {
    String flags = a.size() > 2 ? a.string(2) : "";
    Pattern p;
    try {
      p = Pattern.compile(a.string(0), flags.contains("i") ? Pattern.CASE_INSENSITIVE : 0);
    } catch (PatternSyntaxException e) {
      throw new FormatException("invalid arg 1 in converter 'regsub' : " + e.getDescription());
    }
    boolean global = flags.contains("g");
    String replacement = Encoding.javaReplacement(a.string(1));
    return s -> {
      Matcher m = p.matcher(s.asString());
      return s.set(global ? m.replaceAll(replacement) : m.replaceFirst(replacement));
    };
  }

  static java.util.Set<String> names() {
    return TABLE.keySet();
  }
}
