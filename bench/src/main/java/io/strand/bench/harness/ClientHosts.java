package io.strand.bench.harness;

import io.strand.bench.clients.ClientKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One {@link ClientHost} JVM per client library, started once and given every run of that library. */
final class ClientHosts implements AutoCloseable {

    private final Map<ClientKind, Host> hosts = new EnumMap<>(ClientKind.class);

    ClientHosts(List<ClientKind> clients, List<String> jvmOptions) throws IOException {
        List<String> options = new ArrayList<>(jvmOptions);
        String metrics = System.getProperty("bench.metrics");
        if (metrics != null) {
            options.add("-Dbench.metrics=" + metrics);
        }
        try {
            for (ClientKind c : clients) {
                Process p = ChildJvm.command(options, ClientHost.class, List.of())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
                hosts.put(c, new Host(c, p));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Runs one command in the client's JVM and returns its measurement. */
    Measurement run(ClientKind client, String command) throws IOException {
        return hosts.get(client).run(command);
    }

    @Override
    public void close() {
        for (Host h : hosts.values()) {
            h.close();
        }
        hosts.clear();
    }

    private static final class Host {
        private final ClientKind client;
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        Host(ClientKind client, Process process) {
            this.client = client;
            this.process = process;
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        Measurement run(String command) throws IOException {
            in.write(command + "\n");
            in.flush();
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    return ClientHost.decode(line.substring(7));
                }
                if (line.startsWith("FAILED ")) {
                    throw new IllegalStateException(line.substring(7));
                }
                System.err.println("    [" + client.label() + " host] " + line);
            }
            throw new IOException("The " + client.label() + " client JVM exited (code "
                + (process.isAlive() ? "none yet" : process.exitValue()) + ") during: " + command);
        }

        void close() {
            try {
                in.close(); // end of input: the host exits
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
