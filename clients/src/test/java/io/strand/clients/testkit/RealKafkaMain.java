package io.strand.clients.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a {@link RealKafka} broker as a process of its own, for {@link ForkedKafka}: a test can
 * then kill it with SIGKILL, which it cannot do to a broker in its own JVM.
 *
 * <pre>
 *   RealKafkaMain --data-dir DIR --port P --controller-port C --cluster-id ID [--set key=value]...
 * </pre>
 *
 * Formats DIR if it is new, starts the broker, and prints {@value #READY} and the bootstrap
 * address on standard output once it serves. It runs until killed, or until its standard input
 * ends: the parent keeps that pipe open, so a child whose test JVM died stops too instead of
 * holding the port as an orphan.
 */
public final class RealKafkaMain {

    /** The line the broker prints, followed by its bootstrap address, when it serves. */
    public static final String READY = "REAL KAFKA READY";

    private RealKafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = null;
        int port = -1;
        int controllerPort = -1;
        String clusterId = null;
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException("No value after " + args[i]);
            }
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(value);
                case "--port" -> port = Integer.parseInt(value);
                case "--controller-port" -> controllerPort = Integer.parseInt(value);
                case "--cluster-id" -> clusterId = value;
                case "--set" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--set wants key=value, got " + value);
                    }
                    overrides.put(value.substring(0, eq), value.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
            i++;
        }
        if (dataDir == null || port < 0 || controllerPort < 0 || clusterId == null) {
            throw new IllegalArgumentException(
                "Usage: RealKafkaMain --data-dir DIR --port P --controller-port C --cluster-id ID [--set key=value]...");
        }
        Thread parentWatch = new Thread(RealKafkaMain::haltWhenStdinEnds, "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();
        long start = System.nanoTime();
        RealKafka kafka = RealKafka.startIn(dataDir, port, controllerPort, clusterId, overrides);
        System.out.println(READY + " " + kafka.bootstrapServers() + " in " + (System.nanoTime() - start) / 1_000_000
            + " ms");
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }

    private static void haltWhenStdinEnds() {
        try (InputStream in = System.in) {
            while (in.read() != -1) {
                // the parent writes nothing; it only keeps the pipe open
            }
        } catch (IOException e) {
            // the pipe broke: the parent is gone all the same
        }
        Runtime.getRuntime().halt(3);
    }
}
