package io.strand.bench.perf;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The perf tools' command lines, parsed the way Apache's tools accept them: {@code --flag value}
 * or {@code --flag=value}, switches without a value, and list flags ({@code --producer-props})
 * that take every following word up to the next flag. Unknown flags and missing values are
 * errors that name the flag.
 */
final class CommandLine {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private CommandLine() {
    }

    /**
     * @param single flags that take one value
     * @param lists flags that take one or more values
     * @param switches flags that take none
     */
    static CommandLine parse(String[] args, Set<String> single, Set<String> lists, Set<String> switches) {
        CommandLine c = new CommandLine();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inline = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "' (flags start with --)");
            }
            String flag = arg.substring(2);
            List<String> got = new ArrayList<>();
            if (switches.contains(flag)) {
                if (inline != null) {
                    throw new IllegalArgumentException(arg + " takes no value");
                }
            } else if (single.contains(flag)) {
                if (inline != null) {
                    got.add(inline);
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    got.add(args[++i]);
                } else {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
            } else if (lists.contains(flag)) {
                if (inline != null) {
                    got.add(inline);
                }
                while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    got.add(args[++i]);
                }
                if (got.isEmpty()) {
                    throw new IllegalArgumentException(arg + " needs at least one value");
                }
            } else {
                throw new IllegalArgumentException("Unknown option " + arg + " (try --help)");
            }
            if (c.values.containsKey(flag) && !lists.contains(flag)) {
                throw new IllegalArgumentException(arg + " is given twice");
            }
            c.values.computeIfAbsent(flag, k -> new ArrayList<>()).addAll(got);
        }
        return c;
    }

    boolean has(String flag) {
        return values.containsKey(flag);
    }

    String get(String flag) {
        List<String> v = values.get(flag);
        return v == null ? null : v.get(0);
    }

    String get(String flag, String defaultValue) {
        String v = get(flag);
        return v == null ? defaultValue : v;
    }

    List<String> list(String flag) {
        return values.getOrDefault(flag, List.of());
    }

    String required(String flag) {
        String v = get(flag);
        if (v == null) {
            throw new IllegalArgumentException("--" + flag + " is required");
        }
        return v;
    }

    long longValue(String flag, long defaultValue) {
        String v = get(flag);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + " must be a whole number, not '" + v + "'", e);
        }
    }

    double doubleValue(String flag) {
        String v = required(flag);
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + " must be a number, not '" + v + "'", e);
        }
    }

    /** A properties file, as --producer.config and --consumer.config name it. */
    static Properties loadProperties(String file, String flag) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("--" + flag + ": cannot read " + file + ": " + e.getMessage(), e);
        }
        return p;
    }

    /** k=v words (--producer-props); each must have exactly one '='-separated key and value. */
    static void putAll(Properties into, List<String> keyValues, String flag) {
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            if (eq <= 0 || eq == kv.length() - 1) {
                throw new IllegalArgumentException("--" + flag + ": '" + kv + "' is not key=value");
            }
            into.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
    }
}
