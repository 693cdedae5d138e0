package io.strand.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the examples' command line, in this process, with what it printed. */
record CliRun(int status, String out, String err) {

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.cli().run(args, o, e);
        }
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Lines of standard output that start with {@code prefix}. */
    long linesStartingWith(String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).count();
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
}
