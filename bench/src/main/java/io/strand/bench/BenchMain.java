package io.strand.bench;

import io.strand.bench.harness.Args;
import io.strand.bench.harness.BrokerStartup;
import io.strand.bench.harness.SideBySide;
import io.strand.bench.perf.ConsumerPerf;
import io.strand.bench.perf.ProducerPerf;
import java.util.Arrays;

/**
 * The bench jar's entry point. {@code producer-perf}, {@code consumer-perf}, {@code side-by-side}
 * and {@code broker-startup} run Strand's tools; {@code help} lists them; anything else goes to
 * JMH's own main, so {@code java -jar strand-bench.jar -f 1 RecordBatchBuild} works as before.
 */
public final class BenchMain {

    private static final String HELP = String.join("\n",
        "java -jar strand-bench.jar COMMAND [options]   (each command's --help lists its options)",
        "  producer-perf    producer throughput and latency, like kafka-producer-perf-test",
        "  consumer-perf    consumer throughput, like kafka-consumer-perf-test",
        "  side-by-side     Strand and Apache clients against the bundled and a real Kafka broker",
        "  broker-startup   the bundled broker's start-up time to its first answer",
        "  anything else    JMH's command line (for example: -f 1 -wi 2 -i 3 RecordBatchBuild, or -h)");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "producer-perf" -> exit(command, () -> ProducerPerf.run(rest));
            case "consumer-perf" -> exit(command, () -> ConsumerPerf.run(rest));
            case "side-by-side" -> exit(command, () -> SideBySide.run(rest));
            case "broker-startup" -> exit(command, () -> BrokerStartup.run(rest));
            case "help", "--help" -> System.out.println(HELP);
            default -> org.openjdk.jmh.Main.main(args);
        }
    }

    @FunctionalInterface
    private interface Command {
        int run() throws Exception;
    }

    /**
     * Runs a command with quiet client logging and exits with its code (clients may leave non-daemon
     * threads). A bad option is a usage error: one line naming it, exit code 2, no stack trace.
     */
    private static void exit(String name, Command command) throws Exception {
        quietLogging();
        int code;
        try {
            code = command.run();
        } catch (Args.UsageException e) {
            System.err.println(name + ": " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    /** The clients log every setting at INFO; a perf tool's output is its figures. Explicit settings win. */
    static void quietLogging() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }
}
