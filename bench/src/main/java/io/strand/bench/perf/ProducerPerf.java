package io.strand.bench.perf;

import io.strand.bench.clients.ClientKind;
import io.strand.bench.clients.PerfCallback;
import io.strand.bench.clients.PerfProducer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code producer-perf}: kafka-producer-perf-test's flags and output, running Strand's producer
 * (or, with {@code --client apache}, Apache's). A line every reporting interval (5 s) while it
 * runs, and the final line:
 * {@code N records sent, X records/sec (Y MB/sec), Z ms avg latency, W ms max latency, A ms 50th, B ms 95th, C ms 99th, D ms 99.9th.}
 */
public final class ProducerPerf {

    static final String HELP = String.join("\n",
        "producer-perf: producer throughput and latency, with kafka-producer-perf-test's flags and output.",
        "  --topic TOPIC                 produce to this topic (required)",
        "  --num-records N               how many records (required)",
        "  --record-size BYTES           each record's value size; or",
        "  --payload-file FILE           values picked at random from this UTF-8 file's entries; or",
        "  --payload-monotonic           values are the record numbers 0, 1, 2, ...",
        "  --payload-delimiter D         separates the payload file's entries (default \\n)",
        "  --throughput N                at most about N records/s; -1 for no limit (required)",
        "  --producer-props k=v ...      producer settings (bootstrap.servers, acks, ...); win over --producer.config",
        "  --producer.config FILE        producer settings from a properties file",
        "  --bootstrap-server HOST:PORT  shorthand for bootstrap.servers",
        "  --warmup-records N            leave the first N records out of a second, steady-state summary",
        "  --print-metrics               print the producer's metrics at the end",
        "  --reporting-interval MS       progress line interval (default 5000)",
        "  --client strand|apache        whose producer runs the loop (default strand)");

    private ProducerPerf() {
    }

    /** The command; returns the process exit code. */
    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Tool.run("producer-perf", HELP, args, out, err, Config::parse, ProducerPerf::produce);
    }

    private static void produce(Config c, PrintStream out, PrintStream err) throws IOException {
        Payload payload = c.payload(out);
        if (c.warmupRecords > 0) {
            out.println("Warmup first " + c.warmupRecords + " records. Steady state results will print after the complete test summary.");
        }
        LatencyStats stats = new LatencyStats(c.numRecords, false, c.reportingIntervalMs, out);
        LatencyStats[] steady = new LatencyStats[1];
        try (PerfProducer producer = c.client.producer(c.props)) {
            Throttle throttle = new Throttle(c.throughput);
            for (long i = 0; i < c.numRecords; i++) {
                byte[] value = payload.next(i);
                long sendStartMs = System.currentTimeMillis();
                if (c.warmupRecords > 0 && i == c.warmupRecords) {
                    steady[0] = new LatencyStats(c.numRecords - c.warmupRecords, true, c.reportingIntervalMs, out);
                    stats.suppressWindows();
                }
                producer.send(c.topic, value, new Timed(sendStartMs, value.length, stats, steady[0], err));
                throttle.pace(i + 1);
            }
            producer.flush();
            stats.printTotal();
            if (steady[0] != null) {
                steady[0].printTotal();
            }
            if (c.printMetrics) {
                MetricsPrinter.print(producer.metrics(), out);
            }
        }
    }

    /** Times one record from send() to its acknowledgement, as kafka-producer-perf-test does. */
    private static final class Timed extends PerfCallback {
        private final long startMs;
        private final int bytes;
        private final LatencyStats stats;
        private final LatencyStats steady;
        private final PrintStream err;

        Timed(long startMs, int bytes, LatencyStats stats, LatencyStats steady, PrintStream err) {
            this.startMs = startMs;
            this.bytes = bytes;
            this.stats = stats;
            this.steady = steady;
            this.err = err;
        }

        @Override
        public void completed(Exception exception) {
            long now = System.currentTimeMillis();
            if (exception != null) {
                exception.printStackTrace(err);
                return;
            }
            int latency = (int) (now - startMs);
            stats.record(latency, bytes, now);
            if (steady != null) {
                steady.record(latency, bytes, now);
            }
        }
    }

    /** What the values are: random letters of a size, a payload file's entries, or record numbers. */
    private interface Payload {
        byte[] next(long recordNumber);
    }

    /** The parsed command line. */
    static final class Config {
        String topic;
        long numRecords;
        long warmupRecords;
        Integer recordSize;
        String payloadFile;
        String payloadDelimiter;
        boolean payloadMonotonic;
        double throughput;
        boolean printMetrics;
        long reportingIntervalMs;
        ClientKind client;
        Properties props;

        static Config parse(String[] args) {
            CommandLine cl = CommandLine.parse(args,
                Set.of("topic", "num-records", "record-size", "payload-file", "payload-delimiter", "throughput",
                    "producer.config", "bootstrap-server", "warmup-records", "reporting-interval", "client",
                    "transactional-id", "transaction-duration-ms"),
                Set.of("producer-props"),
                Set.of("payload-monotonic", "print-metrics"));
            if (cl.has("transactional-id") || cl.has("transaction-duration-ms")) {
                throw new IllegalArgumentException("--transactional-id and --transaction-duration-ms are not supported:"
                    + " Strand's producer has no transactions yet");
            }
            Config c = new Config();
            c.topic = cl.required("topic");
            c.numRecords = cl.longValue("num-records", -1);
            if (!cl.has("num-records")) {
                throw new IllegalArgumentException("--num-records is required");
            }
            if (c.numRecords <= 0) {
                throw new IllegalArgumentException("--num-records should be greater than zero");
            }
            c.warmupRecords = Math.max(0, cl.longValue("warmup-records", 0));
            if (c.warmupRecords >= c.numRecords) {
                throw new IllegalArgumentException("The value for --warmup-records must be strictly fewer than the number of records in the test, --num-records.");
            }
            int payloadOptions = (cl.has("record-size") ? 1 : 0) + (cl.has("payload-file") ? 1 : 0)
                + (cl.has("payload-monotonic") ? 1 : 0);
            if (payloadOptions != 1) {
                throw new IllegalArgumentException("exactly one of --record-size, --payload-file or --payload-monotonic must be given");
            }
            if (cl.has("record-size")) {
                long size = cl.longValue("record-size", 0);
                if (size <= 0 || size > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("--record-size should be greater than zero");
                }
                c.recordSize = (int) size;
            }
            c.payloadFile = cl.get("payload-file");
            String delimiter = cl.get("payload-delimiter", "\\n");
            c.payloadDelimiter = delimiter.equals("\\n") ? "\n" : delimiter;
            c.payloadMonotonic = cl.has("payload-monotonic");
            c.throughput = cl.doubleValue("throughput");
            c.printMetrics = cl.has("print-metrics");
            c.reportingIntervalMs = cl.longValue("reporting-interval", 5000);
            if (c.reportingIntervalMs <= 0) {
                throw new IllegalArgumentException("--reporting-interval must be greater than 0");
            }
            c.client = ClientKind.parse(cl.get("client", "strand"));
            if (!cl.has("producer-props") && !cl.has("producer.config") && !cl.has("bootstrap-server")) {
                throw new IllegalArgumentException("Either --producer-props or --producer.config must be specified.");
            }
            Properties p = new Properties();
            if (cl.has("producer.config")) {
                p.putAll(CommandLine.loadProperties(cl.get("producer.config"), "producer.config"));
            }
            if (cl.has("bootstrap-server")) {
                p.put("bootstrap.servers", cl.get("bootstrap-server"));
            }
            CommandLine.putAll(p, cl.list("producer-props"), "producer-props");
            if (!p.containsKey("bootstrap.servers")) {
                throw new IllegalArgumentException("no bootstrap.servers: give it in --producer-props, --producer.config or --bootstrap-server");
            }
            p.putIfAbsent("client.id", "perf-producer-client");
            c.props = p;
            return c;
        }

        Payload payload(PrintStream out) throws IOException {
            if (payloadFile != null) {
                List<byte[]> entries = readPayloadFile(Path.of(payloadFile), payloadDelimiter, out);
                SplittableRandom random = new SplittableRandom(0);
                return i -> entries.get(random.nextInt(entries.size()));
            }
            if (payloadMonotonic) {
                return i -> Long.toString(i).getBytes(StandardCharsets.UTF_8);
            }
            // A new array per record: a producer may keep the value it was handed until the send completes.
            SplittableRandom random = new SplittableRandom(0);
            int size = recordSize;
            return i -> {
                byte[] value = new byte[size];
                for (int j = 0; j < size; j++) {
                    value[j] = (byte) ('A' + random.nextInt(26));
                }
                return value;
            };
        }

        private static List<byte[]> readPayloadFile(Path path, String delimiter, PrintStream out) throws IOException {
            if (!Files.exists(path) || Files.size(path) == 0) {
                throw new IllegalArgumentException("--payload-file: " + path + " does not exist or is empty");
            }
            out.println("Reading payloads from: " + path.toAbsolutePath());
            List<byte[]> entries = new ArrayList<>();
            for (String entry : Files.readString(path, StandardCharsets.UTF_8).split(java.util.regex.Pattern.quote(delimiter))) {
                if (!entry.isEmpty()) {
                    entries.add(entry.getBytes(StandardCharsets.UTF_8));
                }
            }
            out.println("Number of messages read: " + entries.size());
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("--payload-file: " + path + " has no entries between the delimiters");
            }
            return entries;
        }
    }
}
