package io.strand.broker.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standalone broker (StubBrokerMain) as a child JVM on the test class path, so that it can
 * be killed with SIGKILL ({@link Process#destroyForcibly()} on Linux) and started again on the
 * same port and data directory. Its output goes to a file per start.
 */
final class BrokerProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final List<String> extraArgs;
    private Process process;
    private Path output;
    private int starts;

    BrokerProcess(Path dataDir, List<String> extraArgs) throws IOException {
        this.dataDir = dataDir;
        this.extraArgs = extraArgs;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker and waits until it accepts connections. */
    void start() throws IOException, InterruptedException {
        // Surefire's java.class.path may be a manifest-only jar; surefire.test.class.path is the real one.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
            "-cp", classPath, "io.strand.broker.StubBrokerMain",
            "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        command.addAll(extraArgs);
        output = dataDir.resolveSibling("broker-" + (++starts) + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!accepts()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The broker exited with " + process.exitValue() + ": " + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The broker did not listen on " + port + " within 60 s: " + log());
            }
            Thread.sleep(20);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no clean close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The broker survived SIGKILL for 30 s");
        }
    }

    /** What the current (or last) start printed. */
    String log() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
