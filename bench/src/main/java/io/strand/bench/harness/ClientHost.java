package io.strand.bench.harness;

import io.strand.bench.clients.ClientKind;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The JVM one client library runs its workloads in. The harness starts one per library and sends
 * it one command line per run; it answers with a {@code RESULT} or {@code FAILED} line.
 *
 * <p>Why not run both libraries in the harness's own JVM: sharing it, each library's runs pay for
 * the other's garbage and heap layout, and JIT-compiled code that shares call sites (the JDK's
 * buffers, collections and the harness's sinks) is compiled for both. Measured on 2026-11-21: the
 * Strand consumer read a real broker at 3.35M records/s beside the Apache consumer, 4.65M alone.
 * An application has one client library in its JVM; this measures that.
 *
 * <p>Commands (space-separated, topics are created and deleted by the harness):
 * <pre>
 * producer CLIENT BROKER BOOTSTRAP PID TOPIC RECORD_SIZE ACKS CODEC SECONDS MAX_RECORDS
 * consumer CLIENT BROKER BOOTSTRAP PID TOPIC RECORD_SIZE RECORDS RECEIVE_BUFFER (bytes, or "default")
 * latency  CLIENT BROKER BOOTSTRAP PID TOPIC RECORD_SIZE RATE WARMUP_SECONDS SECONDS
 * </pre>
 */
public final class ClientHost {

    private ClientHost() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.isBlank()) {
            try {
                out.println("RESULT " + encode(run(line.trim().split(" "))));
            } catch (Throwable t) {
                out.println("FAILED " + describe(t));
            }
            out.flush();
        }
        System.exit(0);
    }

    static String producer(ProducerWorkload w, ClientKind client, BrokerHandle broker, String topic, double seconds,
                           long maxRecords) {
        return String.join(" ", "producer", prefix(client, broker, topic), Integer.toString(w.recordSize()), w.acks(),
            w.compression(), Double.toString(seconds), Long.toString(maxRecords));
    }

    static String consumer(ConsumerWorkload w, ClientKind client, BrokerHandle broker, String topic, long records) {
        return String.join(" ", "consumer", prefix(client, broker, topic), Integer.toString(w.recordSize()),
            Long.toString(records), w.receiveBufferBytes() == null ? "default" : w.receiveBufferBytes().toString());
    }

    static String latency(LatencyWorkload w, ClientKind client, BrokerHandle broker, String topic) {
        return String.join(" ", "latency", prefix(client, broker, topic), Integer.toString(w.recordSize()),
            Integer.toString(w.rate()), Double.toString(w.warmupSeconds()), Double.toString(w.seconds()));
    }

    private static String prefix(ClientKind client, BrokerHandle broker, String topic) {
        return String.join(" ", client.label(), broker.kind().label(), broker.bootstrapServers(),
            Long.toString(broker.pid()), topic);
    }

    private static Measurement run(String[] c) throws Exception {
        ClientKind client = ClientKind.parse(c[1]);
        BrokerTarget broker = new AttachedBroker(BrokerKind.parse(c[2]), c[3], Long.parseLong(c[4]));
        String topic = c[5];
        int recordSize = Integer.parseInt(c[6]);
        return switch (c[0]) {
            case "producer" -> new ProducerWorkload(recordSize, c[7], c[8])
                .run(client, broker, topic, Double.parseDouble(c[9]), Long.parseLong(c[10]));
            case "consumer" -> new ConsumerWorkload(recordSize, Long.parseLong(c[7]),
                c[8].equals("default") ? null : Integer.valueOf(c[8])).run(client, broker, topic, Long.parseLong(c[7]));
            case "latency" -> new LatencyWorkload(recordSize, Integer.parseInt(c[7]), Double.parseDouble(c[8]),
                Double.parseDouble(c[9])).run(client, broker, topic);
            default -> throw new IllegalArgumentException("Unknown workload " + c[0]);
        };
    }

    static String encode(Measurement m) {
        return String.format(Locale.ROOT, "%d" + " %s".repeat(14), m.records(), m.seconds(), m.recordsPerSec(),
            m.mbPerSec(), m.clientCpuMicrosPerRecord(), m.brokerCpuMicrosPerRecord(), m.othersCpuMicrosPerRecord(),
            m.stealMicrosPerRecord(), m.allocatedBytesPerRecord(),
            m.p50Ms(), m.p99Ms(), m.p999Ms(), m.joinMs(), m.firstRecordMs(), m.longestStallMs());
    }

    static Measurement decode(String s) {
        String[] f = s.trim().split(" ");
        double[] d = new double[f.length];
        for (int i = 1; i < f.length; i++) {
            d[i] = Double.parseDouble(f[i]);
        }
        return new Measurement(Long.parseLong(f[0]), d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11],
            d[12], d[13], d[14]);
    }

    /** The failure and its causes on one line, for the harness's report. */
    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(String.valueOf(t));
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(" | caused by ").append(c);
        }
        return sb.toString().replace('\n', ' ');
    }
}
