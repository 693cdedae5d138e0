package io.strand.bench.perf;

import java.io.PrintStream;
import java.util.Locale;
import java.util.SortedMap;

/** Prints metrics as Apache's perf tools do with --print-metrics: a name column and a value column. */
final class MetricsPrinter {

    private MetricsPrinter() {
    }

    static void print(SortedMap<String, Object> metrics, PrintStream out) {
        if (metrics.isEmpty()) {
            return;
        }
        int width = metrics.keySet().stream().mapToInt(String::length).max().orElse(0);
        out.printf(Locale.ROOT, "%n%-" + width + "s   %s%n", "Metric Name", "Value");
        metrics.forEach((name, value) -> {
            if (value instanceof Double d) {
                out.printf(Locale.ROOT, "%-" + width + "s : %.3f%n", name, d);
            } else {
                out.printf(Locale.ROOT, "%-" + width + "s : %s%n", name, value);
            }
        });
    }
}
