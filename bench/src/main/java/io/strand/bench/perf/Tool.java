package io.strand.bench.perf;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

/**
 * What both perf tools do around their loop: --help, a command line that does not parse (the
 * reason and the usage on stderr, exit 1), and a run that fails (the error on stderr, exit 1).
 */
final class Tool {

    @FunctionalInterface
    interface Body<C> {
        void run(C config, PrintStream out, PrintStream err) throws Exception;
    }

    private Tool() {
    }

    static <C> int run(String name, String help, String[] args, PrintStream out, PrintStream err,
                       Function<String[], C> parse, Body<C> body) {
        if (args.length == 0 || List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(help);
            return 0;
        }
        C config;
        try {
            config = parse.apply(args);
        } catch (IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            err.println(help);
            return 1;
        }
        try {
            body.run(config, out, err);
            return 0;
        } catch (Exception e) {
            err.println(name + ": " + e);
            e.printStackTrace(err);
            return 1;
        }
    }
}
