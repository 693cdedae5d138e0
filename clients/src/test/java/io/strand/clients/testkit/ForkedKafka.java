package io.strand.clients.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka 4.1 broker (one KRaft node, broker and controller) in a child JVM
 * ({@link RealKafkaMain} on the test class path), so that a test can kill it with SIGKILL
 * ({@link #kill()}: {@link Process#destroyForcibly()}) and start it again on the same ports and
 * data directory ({@link #start()}).
 *
 * <p>No orphans: {@link #close()} kills the child and deletes the directory, a shutdown hook
 * kills it if the test JVM exits without closing, and the child halts by itself when its
 * standard input (a pipe from this JVM) ends, which covers this JVM being killed.
 * The child's output (Kafka's warnings, and its log recovery at INFO) goes to one file per start.
 */
public final class ForkedKafka implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 120_000;

    private final Path dir;
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final String clusterId = Uuid.randomUuid().toString();
    private final Map<String, String> overrides;
    private final Thread shutdownHook;
    private Process process;
    private Path output;
    private int starts;
    private long lastStartupMillis;

    private ForkedKafka(Map<String, String> overrides) throws IOException {
        this.dir = Files.createTempDirectory("strand-forked-kafka-");
        this.dataDir = dir.resolve("data");
        this.port = RealKafka.freePort();
        this.controllerPort = RealKafka.freePort();
        this.overrides = Map.copyOf(overrides);
        this.shutdownHook = new Thread(this::destroyQuietly, "forked-kafka-kill");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A new broker in a child JVM, formatted and started. Close it when done. */
    public static ForkedKafka start(Map<String, String> serverOverrides) {
        ForkedKafka k = null;
        try {
            k = new ForkedKafka(serverOverrides);
            k.start();
            return k;
        } catch (IOException e) {
            closeQuietly(k);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            closeQuietly(k);
            throw e;
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates a topic (replication factor 1) and waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            RealKafka.createTopic(admin, bootstrapServers(), name, partitions, Map.of());
        }
    }

    /** From starting the child JVM to its ready line, for the last start. */
    public long lastStartupMillis() {
        return lastStartupMillis;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Starts the child JVM (again, after {@link #kill()}) on the same ports and data, and waits
     * for its ready line.
     */
    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException("Already running: " + this);
        }
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            // Kafka's warnings, plus what its log manager does on start (the recovery after a kill).
            "-Dorg.slf4j.simpleLogger.log.kafka.log.LogManager=info",
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.storage.internals.log.LogLoader=info",
            "-cp", classPath, RealKafkaMain.class.getName(),
            "--data-dir", dataDir.toString(), "--port", Integer.toString(port),
            "--controller-port", Integer.toString(controllerPort), "--cluster-id", clusterId));
        overrides.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
        output = dir.resolve("kafka-" + (++starts) + ".log");
        long begin = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
        process = p;
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread copier = new Thread(() -> copyOutput(p, output, ready), "forked-kafka-output-" + starts);
        copier.setDaemon(true);
        copier.start();
        try {
            ready.get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyQuietly();
            throw new IllegalStateException("Interrupted while waiting for " + this, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            destroyQuietly();
            throw new IllegalStateException("The forked Kafka broker did not get ready within " + START_TIMEOUT_MS
                + " ms (" + e.getMessage() + "); its output:\n" + output(), e);
        }
        lastStartupMillis = (System.nanoTime() - begin) / 1_000_000;
    }

    /** SIGKILL: no shutdown hook, no flush, no clean close of the logs. Waits until the process is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The forked Kafka broker survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the killed broker to go", e);
        }
    }

    /** What the current (or last) start printed. */
    public synchronized String output() {
        try {
            return output == null || !Files.exists(output) ? "" : Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + output + ": " + e + ")";
        }
    }

    @Override
    public synchronized void close() {
        try {
            destroyQuietly();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs anyway
            }
            RealKafka.deleteRecursively(dir);
        }
    }

    private void destroyQuietly() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(ForkedKafka k) {
        if (k != null) {
            k.close();
        }
    }

    /** Copies the child's output to a file and completes {@code ready} at its ready line (or exceptionally at its end). */
    private static void copyOutput(Process p, Path file, CompletableFuture<String> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                 StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                if (line.startsWith(RealKafkaMain.READY)) {
                    ready.complete(line);
                }
            }
        } catch (IOException e) {
            // the process was killed: its pipe ends
        }
        ready.completeExceptionally(new IllegalStateException("the broker's output ended before its ready line"));
    }

    @Override
    public String toString() {
        return "ForkedKafka(" + bootstrapServers() + ", " + dataDir + ", " + (isRunning() ? "running" : "stopped") + ")";
    }
}
