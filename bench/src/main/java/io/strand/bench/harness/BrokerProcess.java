package io.strand.bench.harness;

import io.strand.broker.StubBroker;
import io.strand.clients.testkit.RealKafka;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A broker in a JVM of its own, for the harness: {@code bundled} (Strand's StubBroker, in-memory
 * storage, its defaults) or {@code real} (Apache Kafka 4.1 in KRaft mode through RealKafka, on
 * free loopback ports, data in a temporary directory, deleted topics' files removed after 1 s). Prints
 * {@code READY <bootstrap> <ms from creating the broker to its first Metadata answer> <pid>} and
 * runs until its standard input says {@code stop} or ends.
 */
public final class BrokerProcess {

    private BrokerProcess() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BrokerProcess bundled|real");
        }
        long t0 = System.nanoTime();
        AutoCloseable broker;
        String bootstrap;
        int port;
        switch (args[0]) {
            case "bundled" -> {
                StubBroker b = StubBroker.builder().build();
                broker = b;
                bootstrap = b.bootstrapServers();
                port = b.nodes().get(0).port();
            }
            case "real" -> {
                // The harness deletes each topic after its run. With Kafka's default, a deleted
                // topic's files stay a minute: at 200 MB/s the page cache fills with gigabytes no
                // run reads, flushed to disk while later runs write. In the 1 KiB rows that halved
                // the broker's throughput and made runs of the same cell differ threefold.
                RealKafka k = RealKafka.start(Map.of("log.segment.delete.delay.ms", "1000"));
                broker = k;
                bootstrap = k.bootstrapServers();
                port = k.port();
            }
            default -> throw new IllegalArgumentException("broker kind must be bundled or real, not " + args[0]);
        }
        FirstRequestProbe.Served served = FirstRequestProbe.run("127.0.0.1", port, 60_000);
        System.out.printf(Locale.ROOT, "READY %s %.1f %d%n", bootstrap, (served.metadataAt() - t0) / 1e6,
            ProcessHandle.current().pid());
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && !line.trim().equals("stop")) {
                // only "stop" means anything
            }
        }
        broker.close();
        System.exit(0);
    }
}
