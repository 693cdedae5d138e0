package io.strand.bench.harness;

import io.strand.bench.clients.ClientKind;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

/**
 * The side-by-side harness: in one run, a real Apache Kafka 4.1 broker and the bundled broker
 * (each in a JVM of its own), the same workloads driven by Strand's and by Apache's clients
 * (each library in a {@link ClientHost} JVM of its own) against each, the runs of a workload alternating between the combinations, and
 * a table of medians and ratios at the end. Only ratios from one run mean much on a shared
 * machine; the report says how loaded it was.
 */
public final class SideBySide {

    /** One client library against one broker. */
    record Combo(ClientKind client, BrokerKind broker) {
        String label() {
            return client.label() + " @ " + broker.label();
        }
    }

    @FunctionalInterface
    private interface Workload {
        Measurement run(ClientKind client, BrokerHandle broker) throws Exception;
    }

    /** Passes over every combination before the measured runs (see warmUp). */
    private static final int WARM_UP_PASSES = 3;
    /** Pause before the consumer row, for the real broker to remove the last producer run's topic. */
    private static final long SETTLE_MS = 3000;

    private final Options o;
    private final Map<String, Map<Combo, List<Measurement>>> results = new LinkedHashMap<>();
    private final Set<String> latencyRows = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<BrokerKind, BrokerHandle> brokers = new EnumMap<>(BrokerKind.class);
    private ClientHosts hosts;

    private SideBySide(Options o) {
        this.o = o;
    }

    /** The {@code side-by-side} command. */
    public static int run(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o == null) {
            return 0;
        }
        return new SideBySide(o).execute();
    }

    private int execute() throws Exception {
        long started = System.nanoTime();
        String loadBefore = Machine.loadAverage();
        log("machine: " + Machine.describe() + "; load average " + loadBefore);
        BrokerStartup.Report startup = null;
        if (o.sections.contains("startup")) {
            log("bundled broker start-up: " + o.startupStarts + " starts in one JVM, then " + o.startupFresh + " fresh JVMs");
            startup = BrokerStartup.measure(o.startupStarts, o.startupFresh);
            startup.describe().forEach(SideBySide::log);
        }
        Map<BrokerKind, Double> brokerStartMs = new EnumMap<>(BrokerKind.class);
        try {
            for (BrokerKind kind : o.brokers) {
                BrokerHandle b = BrokerHandle.start(kind, o.brokerJvmOptions());
                brokers.put(kind, b);
                brokerStartMs.put(kind, b.startupMs());
                log(kind.label() + " broker ready at " + b.bootstrapServers() + String.format(Locale.ROOT,
                    " (%.0f ms from creating it to its first Metadata answer, in a fresh JVM)", b.startupMs()));
            }
            hosts = new ClientHosts(o.clients, o.clientJvmOptions);
            List<ConsumerWorkload> consumers = o.consumerReceiveBuffers.stream()
                .map(size -> new ConsumerWorkload(100, o.consumeRecords, size)).toList();
            ConsumerWorkload consumer = consumers.get(0);
            Map<BrokerKind, String> consumeTopics = new EnumMap<>(BrokerKind.class);
            if (o.sections.contains("consumer")) {
                for (BrokerHandle b : brokers.values()) {
                    log("filling a topic for the consumer runs on the " + b.kind().label() + " broker");
                    consumeTopics.put(b.kind(), consumer.fill(b, o.partitions));
                }
            }
            warmUp(consumer, consumeTopics);
            List<ProducerWorkload> producers = producerWorkloads();
            LatencyWorkload latency = new LatencyWorkload(100, o.latencyRate, 1, o.latencySeconds);
            for (int rep = 0; rep < Math.max(o.reps, o.consumerReps); rep++) {
                boolean produced = o.sections.contains("producer") && rep < o.reps;
                if (produced) {
                    for (ProducerWorkload w : producers) {
                        runRow(w.label(), rep, (c, b) -> produce(w, c, b, o.seconds));
                    }
                }
                if (o.sections.contains("consumer") && rep < o.consumerReps) {
                    if (produced) {
                        // Each producer run wrote its own topic, hundreds of megabytes, and deleted it;
                        // the real broker removes the files a second later. Consumer runs write
                        // nothing, so without this pause only the first of them would share the
                        // broker with that removal.
                        Thread.sleep(SETTLE_MS);
                        settleReads(consumer, consumeTopics, rep);
                    }
                    for (ConsumerWorkload w : consumers) {
                        runRow(w.label(), rep, (c, b) -> consume(w, c, b, consumeTopics.get(b.kind()), o.consumeRecords));
                    }
                }
                if (o.sections.contains("latency") && rep < o.reps) {
                    latencyRows.add(latency.label());
                    runRow(latency.label(), rep, (c, b) -> latency(latency, c, b));
                }
            }
        } finally {
            if (hosts != null) {
                hosts.close();
            }
            for (BrokerHandle b : brokers.values()) {
                b.close();
            }
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        String report = report(startup, brokerStartMs, loadBefore, Machine.loadAverage(), minutes);
        System.out.println(report);
        if (o.doc != null) {
            DocSection.write(o.doc, report);
            log("wrote the report into " + o.doc);
        }
        return failures.isEmpty() ? 0 : 2;
    }

    /**
     * Short runs of each combination first (each codec and both record sizes), so that no measured
     * run pays for class loading and JIT. One pass was not enough: with it, the first 3 of 12
     * consumer runs against the real broker were 1.4 to 10 times slower than the rest for both
     * libraries, and the first producer run of every row was the slowest.
     */
    private void warmUp(ConsumerWorkload consumer, Map<BrokerKind, String> consumeTopics) {
        List<ProducerWorkload> warm = List.of(new ProducerWorkload(100, "1", "none"),
            new ProducerWorkload(100, "all", "lz4"), new ProducerWorkload(1024, "1", "zstd"));
        for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
            for (Combo c : combos()) {
                BrokerHandle b = brokers.get(c.broker());
                try {
                    for (ProducerWorkload w : warm) {
                        produce(w, c.client(), b, 1);
                    }
                    if (consumeTopics.containsKey(c.broker())) {
                        consume(consumer, c.client(), b, consumeTopics.get(c.broker()), o.consumeRecords);
                    }
                } catch (Exception e) {
                    log("warm-up of " + c.label() + " failed: " + e);
                }
            }
        }
    }

    // Each run happens in the client library's own JVM (ClientHost says why); topics are made here.

    private Measurement produce(ProducerWorkload w, ClientKind client, BrokerHandle b, double seconds) throws Exception {
        String topic = b.createTopic("produce", o.partitions);
        try {
            return hosts.run(client, ClientHost.producer(w, client, b, topic, seconds, o.maxRecords));
        } finally {
            b.deleteTopic(topic);
        }
    }

    private Measurement consume(ConsumerWorkload w, ClientKind client, BrokerHandle b, String topic, long records)
            throws Exception {
        return hosts.run(client, ClientHost.consumer(w, client, b, topic, records));
    }

    private Measurement latency(LatencyWorkload w, ClientKind client, BrokerHandle b) throws Exception {
        String topic = b.createTopic("latency", o.partitions);
        try {
            return hosts.run(client, ClientHost.latency(w, client, b, topic));
        } finally {
            b.deleteTopic(topic);
        }
    }

    private List<ProducerWorkload> producerWorkloads() {
        List<ProducerWorkload> out = new ArrayList<>();
        for (int size : o.recordSizes) {
            for (String acks : o.acks) {
                for (String codec : o.codecs) {
                    out.add(new ProducerWorkload(size, acks, codec));
                }
            }
        }
        return out;
    }

    private List<Combo> combos() {
        List<Combo> out = new ArrayList<>();
        for (BrokerKind b : o.brokers) {
            for (ClientKind c : o.clients) {
                out.add(new Combo(c, b));
            }
        }
        return out;
    }

    /**
     * Runs a workload once for every combination, in an order that rotates with the repetition, so
     * that over as many repetitions as there are combinations each one runs once in each place.
     * The first place is the one that pays for what the row before left behind (the real broker
     * deleting the last run's topic); the order used to be reversed on odd repetitions as well,
     * and with four combinations that gave the first place of a row to the same library in every
     * repetition: Strand's in the consumer row.
     *
     * <p>A library's combinations sit side by side before the rotation. Rotating the table's
     * broker-major order instead put Strand's real-broker run before Apache's in three
     * repetitions of four, and against the real broker the earlier run pays for what the later
     * one finds warm.
     */
    static List<Combo> runOrder(List<Combo> combos, int rep) {
        List<Combo> order = new ArrayList<>(combos);
        order.sort(Comparator.comparing(Combo::client).thenComparing(Combo::broker));
        Collections.rotate(order, -rep);
        return order;
    }

    /**
     * One unmeasured read of each broker's consumer topic after the producer rows, by each
     * library in turn. Those rows write gigabytes through the real broker; in the 07:23 run the
     * first consumer run after them read at half the rate of the others (Strand 3.2M to 4.3M
     * records/s against 7.1M to 8.7M), so the consumer row measured the broker's recovery and
     * whichever library met it first.
     */
    private void settleReads(ConsumerWorkload w, Map<BrokerKind, String> topics, int rep) {
        ClientKind client = o.clients.get(rep % o.clients.size());
        for (Map.Entry<BrokerKind, String> t : topics.entrySet()) {
            try {
                consume(w, client, brokers.get(t.getKey()), t.getValue(), o.consumeRecords);
            } catch (Exception e) {
                log("settling read of the " + t.getKey().label() + " broker's topic failed: " + e);
            }
        }
    }

    private void runRow(String label, int rep, Workload workload) {
        List<Combo> order = runOrder(combos(), rep);
        Map<Combo, List<Measurement>> row = results.computeIfAbsent(label, k -> new LinkedHashMap<>());
        for (Combo combo : order) {
            System.gc();
            String what = "[" + (rep + 1) + "] " + label + " | " + combo.label();
            try {
                Measurement m = workload.run(combo.client(), brokers.get(combo.broker()));
                row.computeIfAbsent(combo, k -> new ArrayList<>()).add(m);
                log(what + ": " + summary(m));
            } catch (Exception e) {
                failures.add(what + ": " + e);
                log(what + ": FAILED " + e);
                Throwable cause = e.getCause();
                if (cause != null) {
                    log("    caused by " + cause);
                }
            }
        }
    }

    private static String summary(Measurement m) {
        String s = String.format(Locale.ROOT,
            "%,.0f records/s (%.1f MB/s), CPU µs/record client %.2f broker %.2f others %.2f steal %.2f, %.0f B/record allocated",
            m.recordsPerSec(), m.mbPerSec(), m.clientCpuMicrosPerRecord(), m.brokerCpuMicrosPerRecord(),
            m.othersCpuMicrosPerRecord(), m.stealMicrosPerRecord(), m.allocatedBytesPerRecord());
        if (!Double.isNaN(m.joinMs())) {
            s += String.format(Locale.ROOT, ", joined in %.0f ms, first record at %.0f ms, longest stall %.1f ms",
                m.joinMs(), m.firstRecordMs(), m.longestStallMs());
        }
        if (!Double.isNaN(m.p50Ms())) {
            s += String.format(Locale.ROOT, ", latency p50 %.2f ms p99 %.2f ms p99.9 %.2f ms", m.p50Ms(), m.p99Ms(), m.p999Ms());
        }
        return s;
    }

    private static void log(String line) {
        System.err.println(line);
        System.err.flush();
    }

    // ---------------------------------------------------------------- the report

    private String report(BrokerStartup.Report startup, Map<BrokerKind, Double> brokerStartMs, String loadBefore,
                          String loadAfter, double minutes) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Side by side: Strand and Apache clients, bundled and real broker\n\n");
        sb.append("- Date: ").append(LocalDate.now()).append(String.format(Locale.ROOT, "; the run took %.1f minutes.%n", minutes));
        sb.append("- Machine: ").append(Machine.describe()).append(".\n");
        sb.append("- Load average (1, 5, 15 min) before: ").append(loadBefore).append("; after: ").append(loadAfter)
            .append(". The machine is shared: compare the ratios, which come from runs interleaved in one session,"
                + " not the absolute figures.\n");
        sb.append("- Command: `").append(o.commandLine).append("`.\n");
        sb.append(String.format(Locale.ROOT, "- Every cell is the median of %d runs (%d for the consumer), after %d warm-up"
            + " passes over every combination; the order of a row's runs rotates from one repetition to the next, so that"
            + " each combination runs first in turn and each library runs before the other against each broker in half"
            + " the repetitions. After the producer rows, each broker's consumer topic is read once, unmeasured, before"
            + " the consumer rows."
            + " Producer runs last %.1f s each, %d partitions, random upper-case values like kafka-producer-perf-test's;"
            + " the consumer reads %,d records of 100 B in a new group, join included, from a topic holding a quarter more"
            + " (no run ends at the log end)."
            + " Client settings are each library's defaults apart from those named.%n",
            o.reps, o.consumerReps, WARM_UP_PASSES, o.seconds, o.partitions, o.consumeRecords));
        sb.append("- Each broker runs in a JVM of its own (`").append(String.join(" ", o.brokerJvmOptions()))
            .append("`); each client library runs in a JVM of its own too (`").append(String.join(" ", o.clientJvmOptions))
            .append("`), started once and given all of that library's runs, so neither library's runs share a heap or"
            + " JIT-compiled code with the other's. The bundled broker stores in memory; the real one"
            + " (Apache Kafka 4.1.2, KRaft, one node) in a temporary directory. Each run's topic is deleted after it,"
            + " and the real broker removes a deleted topic's files after 1 s (`log.segment.delete.delay.ms=1000`) instead"
            + " of its default minute, so that no run writes while the page cache flushes an earlier run's data.\n\n");

        List<String> throughputRows = new ArrayList<>(results.keySet());
        throughputRows.removeAll(latencyRows);
        if (!throughputRows.isEmpty()) {
            sb.append("### Throughput (records/s, median)\n\n");
            sb.append(table(throughputRows, "", (row, c) -> rate(median(row, c, Measurement::recordsPerSec)),
                Measurement::recordsPerSec, "")).append('\n');
            sb.append("Ratios above 1.0 mean the first named is faster.\n\n");
            sb.append("### CPU per record (µs, median): client JVM + broker JVM\n\n");
            sb.append(table(throughputRows, "", (row, c) -> String.format(Locale.ROOT, "%.2f + %.2f",
                median(row, c, Measurement::clientCpuMicrosPerRecord), median(row, c, Measurement::brokerCpuMicrosPerRecord)),
                null, null)).append('\n');
            sb.append("### Allocation per record in the client JVM (bytes, median)\n\n");
            sb.append("Summed over the client's threads and the sending or polling thread with"
                + " `ThreadMXBean.getThreadAllocatedBytes`, around the measured loop.\n\n");
            sb.append(table(throughputRows, "", (row, c) -> String.format(Locale.ROOT, "%.0f",
                median(row, c, Measurement::allocatedBytesPerRecord)), null, null)).append('\n');
        }
        if (!latencyRows.isEmpty()) {
            sb.append("### End-to-end latency (ms, median of the runs' percentiles)\n\n");
            sb.append(table(latencyRows, " p50 / p99 / p99.9", (row, c) -> String.format(Locale.ROOT, "%.2f / %.2f / %.2f",
                median(row, c, Measurement::p50Ms), median(row, c, Measurement::p99Ms), median(row, c, Measurement::p999Ms)),
                Measurement::p99Ms, "p99 ")).append('\n');
            sb.append("Latency ratios below 1.0 mean the first named is faster. The producer's default linger.ms (5 ms)"
                + " is part of every figure.\n\n");
        }
        if (startup != null || !brokerStartMs.isEmpty()) {
            sb.append("### Broker start-up to the first request served\n\n");
            if (startup != null) {
                for (String line : startup.describe()) {
                    sb.append("- Bundled, ").append(line).append(".\n");
                }
            }
            brokerStartMs.forEach((k, v) -> sb.append(String.format(Locale.ROOT,
                "- The harness's %s broker, in its own fresh JVM: %.0f ms from creating it to its first Metadata answer%s.%n",
                k.label(), v, k == BrokerKind.REAL ? " (storage formatting included)" : "")));
            sb.append('\n');
        }
        if (!failures.isEmpty()) {
            sb.append("### Failed runs\n\n");
            failures.forEach(f -> sb.append("- ").append(f).append('\n'));
            sb.append('\n');
        }
        sb.append("### Every run\n\n");
        results.forEach((row, cells) -> cells.forEach((combo, runs) -> {
            sb.append("- ").append(row).append(" | ").append(combo.label()).append(": ");
            List<String> vals = new ArrayList<>();
            for (Measurement m : runs) {
                vals.add(latencyRows.contains(row)
                    ? String.format(Locale.ROOT, "p50 %.2f p99 %.2f", m.p50Ms(), m.p99Ms())
                    : rate(m.recordsPerSec()));
            }
            sb.append(String.join(", ", vals)).append('\n');
        }));
        return sb.toString();
    }

    private double median(String row, Combo combo, ToDoubleFunction<Measurement> f) {
        List<Measurement> runs = results.getOrDefault(row, Map.of()).getOrDefault(combo, List.of());
        return Stats.median(runs.stream().map(f::applyAsDouble).toList());
    }

    private boolean bothClients() {
        return o.clients.contains(ClientKind.STRAND) && o.clients.contains(ClientKind.APACHE);
    }

    private boolean bothBrokers() {
        return o.brokers.size() == 2;
    }

    /**
     * A table with a row per workload and a column per combination, then, when {@code ratioOf}
     * is given, the Strand/Apache ratio per broker and the bundled/real ratio per client of that figure.
     */
    private String table(Collection<String> rows, String columnSuffix, BiFunction<String, Combo, String> cell,
                         ToDoubleFunction<Measurement> ratioOf, String ratioPrefix) {
        List<String> header = new ArrayList<>(List.of("workload"));
        combos().forEach(c -> header.add(c.label() + columnSuffix));
        boolean clientRatios = ratioOf != null && bothClients();
        boolean brokerRatios = ratioOf != null && bothBrokers();
        if (clientRatios) {
            o.brokers.forEach(b -> header.add(ratioPrefix + "Strand/Apache @ " + b.label()));
        }
        if (brokerRatios) {
            o.clients.forEach(c -> header.add(ratioPrefix + "bundled/real, " + c.label()));
        }
        MarkdownTable t = new MarkdownTable(header);
        for (String row : rows) {
            List<String> cells = new ArrayList<>(List.of(row));
            combos().forEach(c -> cells.add(cell.apply(row, c)));
            if (clientRatios) {
                o.brokers.forEach(b -> cells.add(ratio(median(row, new Combo(ClientKind.STRAND, b), ratioOf),
                    median(row, new Combo(ClientKind.APACHE, b), ratioOf))));
            }
            if (brokerRatios) {
                o.clients.forEach(c -> cells.add(ratio(median(row, new Combo(c, BrokerKind.BUNDLED), ratioOf),
                    median(row, new Combo(c, BrokerKind.REAL), ratioOf))));
            }
            t.row(cells);
        }
        return t.toString();
    }

    static String rate(double recordsPerSec) {
        if (Double.isNaN(recordsPerSec)) {
            return "—";
        }
        return recordsPerSec >= 1e6 ? String.format(Locale.ROOT, "%.2fM", recordsPerSec / 1e6)
            : String.format(Locale.ROOT, "%.0fk", recordsPerSec / 1e3);
    }

    static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f×", a / b);
    }

    // ---------------------------------------------------------------- options

    static final class Options {
        List<ClientKind> clients = List.of(ClientKind.values());
        List<BrokerKind> brokers = List.of(BrokerKind.values());
        int reps = 3;
        int consumerReps = 7;
        double seconds = 2;
        long maxRecords = 20_000_000;
        int partitions = 3;
        List<Integer> recordSizes = List.of(100, 1024);
        List<String> acks = List.of("1", "all");
        List<String> codecs = List.of("none", "lz4", "zstd");
        // 2,000,000 made runs of 0.25-0.5 s: long enough to time the group join and the JIT
        // settling after the producer rows, not the reading. The first consumer run after a
        // library's producer runs was up to 4x slower than the next ones.
        long consumeRecords = 6_000_000;
        // Both libraries default to 64 KiB, which on a fast link makes the kernel, not the
        // client, the bound (docs/PERFORMANCE.md); the second row shows the clients without it.
        List<Integer> consumerReceiveBuffers = Arrays.asList(null, -1);
        int latencyRate = 50_000;
        double latencySeconds = 5;
        Set<String> sections = new LinkedHashSet<>(List.of("startup", "producer", "consumer", "latency"));
        Path doc;
        String brokerHeap = "4g"; // the bundled broker's log holds the consumer's topic (~0.8 GB) beside a run's
        List<String> brokerJvmExtra = List.of();
        List<String> clientJvmOptions = List.of("-Xms2g", "-Xmx2g", "-XX:+UseG1GC");
        int startupStarts = 20;
        int startupFresh = 5;
        String commandLine;

        List<String> brokerJvmOptions() {
            // The same for both brokers: Kafka's own start script's G1 settings, with a heap that
            // also holds the bundled broker's in-memory log of one run.
            List<String> options = new ArrayList<>(List.of("-Xms" + brokerHeap, "-Xmx" + brokerHeap, "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent"));
            options.addAll(brokerJvmExtra);
            return options;
        }

        static Options parse(String[] args) {
            Options o = new Options();
            o.commandLine = ("side-by-side " + String.join(" ", args)).trim();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                switch (flag) {
                    case "--help", "-h" -> {
                        System.out.println(HELP);
                        return null;
                    }
                    case "--clients" -> o.clients = list(Args.value(args, ++i, flag)).stream().map(ClientKind::parse).distinct().toList();
                    case "--brokers" -> o.brokers = list(Args.value(args, ++i, flag)).stream().map(BrokerKind::parse).distinct().sorted().toList();
                    case "--reps" -> o.reps = Args.positiveInt(flag, Args.value(args, ++i, flag));
                    case "--consumer-reps" -> o.consumerReps = Args.positiveInt(flag, Args.value(args, ++i, flag));
                    case "--seconds" -> o.seconds = positive(flag, Args.parseDouble(flag, Args.value(args, ++i, flag)));
                    case "--max-records" -> o.maxRecords = Args.positiveInt(flag, Args.value(args, ++i, flag));
                    case "--partitions" -> o.partitions = Args.positiveInt(flag, Args.value(args, ++i, flag));
                    case "--record-sizes" -> o.recordSizes = list(Args.value(args, ++i, flag)).stream().map(s -> Args.positiveInt(flag, s)).toList();
                    case "--acks" -> o.acks = checked(flag, list(Args.value(args, ++i, flag)), Set.of("0", "1", "all", "-1"));
                    case "--codecs" -> o.codecs = checked(flag, list(Args.value(args, ++i, flag)), Set.of("none", "gzip", "snappy", "lz4", "zstd"));
                    case "--consume-records" -> o.consumeRecords = Args.positiveInt(flag, Args.value(args, ++i, flag));
                    case "--consumer-receive-buffers" -> o.consumerReceiveBuffers = list(Args.value(args, ++i, flag)).stream()
                        .map(v -> v.equals("default") ? null : receiveBuffer(flag, v)).distinct().toList();
                    case "--latency-rate" -> o.latencyRate = Args.positiveInt(flag, Args.value(args, ++i, flag));
                    case "--latency-seconds" -> o.latencySeconds = positive(flag, Args.parseDouble(flag, Args.value(args, ++i, flag)));
                    case "--sections" -> o.sections = new LinkedHashSet<>(checked(flag, list(Args.value(args, ++i, flag)),
                        Set.of("startup", "producer", "consumer", "latency")));
                    case "--doc" -> o.doc = Path.of(Args.value(args, ++i, flag));
                    case "--broker-heap" -> o.brokerHeap = Args.value(args, ++i, flag);
                    case "--client-jvm-opts" -> o.clientJvmOptions = jvmOptions(Args.value(args, ++i, flag));
                    case "--broker-jvm-opts" -> o.brokerJvmExtra = jvmOptions(Args.value(args, ++i, flag));
                    case "--startup-starts" -> o.startupStarts = Args.positiveInt(flag, Args.value(args, ++i, flag));
                    case "--startup-fresh" -> o.startupFresh = Args.nonNegativeInt(flag, Args.value(args, ++i, flag));
                    default -> throw new Args.UsageException("Unknown option " + flag + " (try --help)");
                }
            }
            return o;
        }

        /** JVM options separated by blanks; an empty string is no options (not one empty argument). */
        private static List<String> jvmOptions(String value) {
            return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
        }

        private static List<String> list(String csv) {
            List<String> out = new ArrayList<>();
            for (String s : csv.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
            return out;
        }

        private static List<String> checked(String flag, List<String> values, Set<String> allowed) {
            for (String v : values) {
                if (!allowed.contains(v)) {
                    throw new Args.UsageException(flag + " takes " + new java.util.TreeSet<>(allowed) + ", not '" + v + "'");
                }
            }
            return values;
        }

        /** A receive.buffer.bytes as the clients accept it: -1 (the OS's) or a size. */
        private static Integer receiveBuffer(String flag, String value) {
            long v = Args.parseLong(flag, value);
            if (v < -1 || v > Integer.MAX_VALUE) {
                throw new Args.UsageException(flag + " takes default, -1 or a size in bytes, not " + value);
            }
            return (int) v;
        }

        private static double positive(String flag, double v) {
            if (!(v > 0)) {
                throw new Args.UsageException(flag + " must be above 0, not " + v);
            }
            return v;
        }

        static final String HELP = String.join("\n",
            "side-by-side: Strand and Apache clients against the bundled and a real Kafka 4.1 broker, in one run.",
            "  --clients strand,apache      which client libraries (default both)",
            "  --brokers bundled,real       which brokers (default both)",
            "  --sections startup,producer,consumer,latency   what to measure (default all)",
            "  --reps N                     runs per cell, the median is reported (3)",
            "  --consumer-reps N            runs per consumer cell: short and noisy, so more of them (7)",
            "  --seconds S                  length of a producer run (2)",
            "  --max-records N              cap on records per producer run (20000000)",
            "  --partitions N               partitions of every topic (3)",
            "  --record-sizes 100,1024      producer record sizes",
            "  --acks 1,all                 producer acks settings",
            "  --codecs none,lz4,zstd       producer compression types",
            "  --consume-records N          records the consumer reads per run (6000000)",
            "  --consumer-receive-buffers default,-1   a consumer row per receive.buffer.bytes, given to both libraries;",
            "                               default = each library's own (64 KiB in both), -1 = the OS's autotuning",
            "  --latency-rate R             records/s of the end-to-end latency runs (50000)",
            "  --latency-seconds S          measured length of a latency run, after 1 s of warm-up (5)",
            "  --broker-heap SIZE           heap of each broker JVM (4g)",
            "  --broker-jvm-opts 'OPTS'     more options for the broker JVMs, for example -XX:StartFlightRecording=filename=b.jfr",
            "                               (both brokers get them: profile one at a time with --brokers)",
            "  --client-jvm-opts 'OPTS'     options of the two client JVMs, one per library (-Xms2g -Xmx2g -XX:+UseG1GC)",
            "  --startup-starts N / --startup-fresh K   bundled start-up: starts in one JVM (20), fresh JVMs (5)",
            "  --doc FILE                   also write the report into FILE between the side-by-side markers");
    }
}
