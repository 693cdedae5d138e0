package io.strand.bench.perf;

import io.strand.bench.clients.ClientKind;
import io.strand.bench.clients.PerfConsumer;
import io.strand.bench.clients.RecordSink;
import java.io.PrintStream;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * {@code consumer-perf}: kafka-consumer-perf-test's flags and output, running Strand's consumer
 * (or, with {@code --client apache}, Apache's). Prints the header and one line:
 * {@code start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
 * rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec}. With --show-detailed-stats
 * a line per reporting interval goes to standard output instead, as Apache's tool does; without
 * it the same progress lines go to standard error, so standard output stays what scripts expect.
 */
public final class ConsumerPerf {

    static final String HELP = String.join("\n",
        "consumer-perf: consumer throughput, with kafka-consumer-perf-test's flags and output.",
        "  --bootstrap-server HOST:PORT  the broker(s) to connect to (required)",
        "  --topic TOPIC | --include REGEX   what to consume (one of them is required)",
        "  --messages N                  how many records to consume (required)",
        "  --group ID                    consumer group (default perf-consumer-<random>)",
        "  --fetch-size BYTES            max.partition.fetch.bytes (default 1048576)",
        "  --socket-buffer-size BYTES    receive.buffer.bytes (default 2097152)",
        "  --from-latest                 auto.offset.reset=latest instead of earliest",
        "  --consumer.config FILE        consumer settings from a properties file",
        "  --consumer-props k=v ...      consumer settings; win over --consumer.config",
        "  --timeout MS                  give up after this long without records (default 10000)",
        "  --reporting-interval MS       progress line interval (default 5000)",
        "  --show-detailed-stats         print a stats line every reporting interval instead of one at the end",
        "  --date-format FORMAT          java.text.SimpleDateFormat of the time columns (default yyyy-MM-dd HH:mm:ss:SSS)",
        "  --hide-header                 no header line",
        "  --print-metrics               print the consumer's metrics at the end",
        "  --client strand|apache        whose consumer runs the loop (default strand)");

    static final String HEADER_TAIL = ", rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec";

    private ConsumerPerf() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Tool.run("consumer-perf", HELP, args, out, err, Config::parse, ConsumerPerf::consume);
    }

    private static void consume(Config c, PrintStream out, PrintStream err) {
        if (!c.hideHeader) {
            out.println((c.detailed ? "time, threadId" : "start.time, end.time")
                + ", data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec" + HEADER_TAIL);
        }
        PrintStream progress = c.detailed ? out : err;
        Counter counter = new Counter();
        JoinTimer join = new JoinTimer();
        long startMs;
        long endMs;
        try (PerfConsumer consumer = c.client.consumer(c.props)) {
            startMs = System.currentTimeMillis();
            join.start(startMs);
            if (c.topic != null) {
                consumer.subscribe(c.topic, join);
            } else {
                consumer.subscribe(c.include, join);
            }
            long now = startMs;
            long lastReport = now;
            long lastConsumed = now;
            long lastBytes = 0;
            long lastMessages = 0;
            while (counter.messages < c.messages && now - lastConsumed <= c.timeoutMs) {
                int n = consumer.poll(Duration.ofMillis(100), counter);
                now = System.currentTimeMillis();
                if (n > 0) {
                    lastConsumed = now;
                }
                // As Apache's tool: a progress line only when records came, so a join in progress is never cut in two.
                if (n > 0 && now - lastReport >= c.reportingIntervalMs) {
                    printProgress(progress, c.dateFormat, counter.bytes, lastBytes, counter.messages, lastMessages,
                        lastReport, now, join.takeRound());
                    lastReport = now;
                    lastBytes = counter.bytes;
                    lastMessages = counter.messages;
                }
            }
            endMs = System.currentTimeMillis();
            if (counter.messages < c.messages) {
                out.printf("WARNING: Exiting before consuming the expected number of messages: timeout (%d ms) exceeded. "
                    + "You can use the --timeout option to increase the timeout.%n", c.timeoutMs);
            }
            if (!c.detailed) {
                double elapsedSec = (endMs - startMs) / 1000.0;
                long fetchMs = (endMs - startMs) - join.total();
                double mb = counter.bytes / (1024.0 * 1024.0);
                out.printf(Locale.ROOT, "%s, %s, %.4f, %.4f, %d, %.4f, %d, %d, %.4f, %.4f%n",
                    c.dateFormat.format(startMs), c.dateFormat.format(endMs), mb, mb / elapsedSec, counter.messages,
                    counter.messages / elapsedSec, join.total(), fetchMs, mb / (fetchMs / 1000.0),
                    counter.messages / (fetchMs / 1000.0));
            }
            if (c.printMetrics) {
                MetricsPrinter.print(consumer.metrics(), out);
            }
        }
    }

    private static void printProgress(PrintStream out, SimpleDateFormat dateFormat, long bytes, long lastBytes,
                                      long messages, long lastMessages, long startMs, long endMs, long joinMs) {
        double elapsedMs = endMs - startMs;
        double totalMb = bytes / (1024.0 * 1024.0);
        double intervalMb = (bytes - lastBytes) / (1024.0 * 1024.0);
        long fetchMs = endMs - startMs - joinMs;
        out.printf(Locale.ROOT, "%s, %d, %.4f, %.4f, %d, %.4f, %d, %d, %.4f, %.4f%n", dateFormat.format(endMs), 0,
            totalMb, 1000.0 * intervalMb / elapsedMs, messages, 1000.0 * (messages - lastMessages) / elapsedMs,
            joinMs, fetchMs, fetchMs <= 0 ? 0.0 : 1000.0 * intervalMb / fetchMs,
            fetchMs <= 0 ? 0.0 : 1000.0 * (messages - lastMessages) / fetchMs);
    }

    /** Counts records and their key and value bytes. */
    private static final class Counter implements RecordSink {
        long messages;
        long bytes;

        @Override
        public void accept(byte[] key, byte[] value, long timestamp) {
            messages++;
            if (key != null) {
                bytes += key.length;
            }
            if (value != null) {
                bytes += value.length;
            }
        }
    }

    /**
     * Time spent in rebalances: from subscribing, or from losing every partition, until
     * partitions are assigned again. Rebalance callbacks run inside poll() on this thread.
     */
    private static final class JoinTimer implements PerfConsumer.AssignmentListener {
        private long joinStart;
        private int assigned;
        private long total;
        private long round;

        void start(long nowMs) {
            joinStart = nowMs;
        }

        @Override
        public void revoked(int partitions) {
            assigned = Math.max(0, assigned - partitions);
            if (assigned == 0) {
                joinStart = System.currentTimeMillis();
            }
        }

        @Override
        public void assigned(int partitions) {
            if (assigned == 0) {
                long elapsed = System.currentTimeMillis() - joinStart;
                total += elapsed;
                round += elapsed;
            }
            assigned += partitions;
        }

        long total() {
            return total;
        }

        /** Join time since the last progress line. */
        long takeRound() {
            long r = round;
            round = 0;
            return r;
        }
    }

    /** The parsed command line. */
    static final class Config {
        String topic;
        Pattern include;
        long messages;
        long timeoutMs;
        long reportingIntervalMs;
        boolean detailed;
        boolean hideHeader;
        boolean printMetrics;
        SimpleDateFormat dateFormat;
        ClientKind client;
        Properties props;

        static Config parse(String[] args) {
            CommandLine cl = CommandLine.parse(args,
                Set.of("bootstrap-server", "topic", "include", "group", "fetch-size", "socket-buffer-size",
                    "consumer.config", "timeout", "messages", "reporting-interval", "date-format", "client"),
                Set.of("consumer-props"),
                Set.of("from-latest", "print-metrics", "show-detailed-stats", "hide-header"));
            Config c = new Config();
            if (cl.has("topic") == cl.has("include")) {
                throw new IllegalArgumentException("exactly one of --topic and --include is required");
            }
            c.topic = cl.get("topic");
            if (cl.has("include")) {
                try {
                    c.include = Pattern.compile(cl.get("include"));
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new IllegalArgumentException("--include is not a regular expression: " + e.getMessage(), e);
                }
            }
            if (!cl.has("messages")) {
                throw new IllegalArgumentException("--messages is required");
            }
            c.messages = cl.longValue("messages", 0);
            if (c.messages <= 0) {
                throw new IllegalArgumentException("--messages must be greater than 0");
            }
            c.timeoutMs = cl.longValue("timeout", 10_000);
            c.reportingIntervalMs = cl.longValue("reporting-interval", 5_000);
            if (c.reportingIntervalMs <= 0) {
                throw new IllegalArgumentException("Reporting interval must be greater than 0.");
            }
            c.detailed = cl.has("show-detailed-stats");
            c.hideHeader = cl.has("hide-header");
            c.printMetrics = cl.has("print-metrics");
            try {
                c.dateFormat = new SimpleDateFormat(cl.get("date-format", "yyyy-MM-dd HH:mm:ss:SSS"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--date-format: " + e.getMessage(), e);
            }
            c.client = ClientKind.parse(cl.get("client", "strand"));

            Properties p = cl.has("consumer.config")
                ? CommandLine.loadProperties(cl.get("consumer.config"), "consumer.config") : new Properties();
            if (cl.has("bootstrap-server")) {
                p.put("bootstrap.servers", cl.get("bootstrap-server"));
            }
            p.put("group.id", cl.get("group", "perf-consumer-" + ThreadLocalRandom.current().nextInt(100_000)));
            p.put("receive.buffer.bytes", Long.toString(cl.longValue("socket-buffer-size", 2 * 1024 * 1024)));
            p.put("max.partition.fetch.bytes", Long.toString(cl.longValue("fetch-size", 1024 * 1024)));
            p.put("auto.offset.reset", cl.has("from-latest") ? "latest" : "earliest");
            p.put("check.crcs", "false");
            CommandLine.putAll(p, cl.list("consumer-props"), "consumer-props");
            if (!p.containsKey("bootstrap.servers")) {
                throw new IllegalArgumentException("--bootstrap-server is required");
            }
            p.putIfAbsent("client.id", "perf-consumer-client");
            c.props = p;
            return c;
        }
    }
}
