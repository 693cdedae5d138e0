package io.strand.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A broker running in a child JVM ({@link BrokerProcess}), as the harness sees it: its bootstrap
 * address, its CPU time so far, and topic creation and deletion through Apache's admin client
 * (the same requests for both brokers).
 */
public final class BrokerHandle implements AutoCloseable, BrokerTarget {

    private static final AtomicInteger TOPICS = new AtomicInteger();

    private final BrokerKind kind;
    private final Process process;
    private final String bootstrap;
    private final double startupMs;
    private final Path log;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> probe;

    private BrokerHandle(BrokerKind kind, Process process, String bootstrap, double startupMs, Path log) {
        this.kind = kind;
        this.process = process;
        this.bootstrap = bootstrap;
        this.startupMs = startupMs;
        this.log = log;
    }

    /** Starts the broker and waits (at most two minutes) until it answered a Metadata request. */
    public static BrokerHandle start(BrokerKind kind, List<String> jvmOptions) throws IOException {
        Path log = Files.createTempFile("strand-bench-" + kind.label() + "-", ".log");
        Process p = ChildJvm.command(jvmOptions, BrokerProcess.class, List.of(kind.label()))
            .redirectError(log.toFile())
            .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                        return line;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = ready.get(2, TimeUnit.MINUTES);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            line = null;
        }
        if (line == null) {
            p.destroyForcibly();
            throw new IOException("The " + kind.label() + " broker did not start; its log: " + log);
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // the child prints nothing more that matters; keep its pipe from filling
                }
            } catch (IOException e) {
                // the child went away
            }
        }, "broker-stdout-" + kind.label());
        drain.setDaemon(true);
        drain.start();
        String[] f = line.split(" ");
        return new BrokerHandle(kind, p, f[1], Double.parseDouble(f[2]), log);
    }

    /** The broker JVM's process id. */
    public long pid() {
        return process.pid();
    }

    @Override
    public BrokerKind kind() {
        return kind;
    }

    @Override
    public String bootstrapServers() {
        return bootstrap;
    }

    /** From creating the broker object in its JVM to its first Metadata answer. */
    public double startupMs() {
        return startupMs;
    }

    @Override
    public long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** Creates a topic with a new name and waits until every partition has a leader. */
    public String createTopic(String prefix, int partitions) {
        String name = prefix + "-" + TOPICS.incrementAndGet();
        try {
            admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                if (hasLeaders(name, partitions)) {
                    awaitWritable(name, partitions);
                    return name;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Topic " + name + " on the " + kind.label() + " broker has no leader after 60 s");
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topic " + name + " on the " + kind.label() + " broker", e);
        }
    }

    /**
     * Writes one empty record to every partition and waits for the acknowledgements. A real
     * broker can name a leader before it hosts the partition; a producer that raced it would
     * spend the measured run in retries (NOT_LEADER_OR_FOLLOWER, then OUT_OF_ORDER_SEQUENCE_NUMBER
     * for the batches behind). Every topic on either broker starts with these records.
     */
    private void awaitWritable(String name, int partitions) throws InterruptedException, ExecutionException, TimeoutException {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            acks.add(probe().send(new ProducerRecord<>(name, p, null, new byte[0])));
        }
        for (Future<RecordMetadata> f : acks) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    private synchronized KafkaProducer<byte[], byte[]> probe() {
        if (probe == null) {
            probe = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-probe-" + kind.label(), ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false", ProducerConfig.LINGER_MS_CONFIG, "0"),
                new ByteArraySerializer(), new ByteArraySerializer());
        }
        return probe;
    }

    /** Whether every partition has a leader; a real broker may not know a topic it just created for a moment. */
    private boolean hasLeaders(String name, int partitions) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            Map<String, TopicDescription> d = admin().describeTopics(List.of(name)).allTopicNames().get(60, TimeUnit.SECONDS);
            TopicDescription t = d.get(name);
            return t != null && t.partitions().size() == partitions
                && t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes a topic, freeing what the broker stored for it. */
    public void deleteTopic(String name) {
        try {
            admin().deleteTopics(List.of(name)).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not delete topic " + name + " on the " + kind.label() + " broker", e);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "bench-admin-" + kind.label()));
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        if (probe != null) {
            probe.close(Duration.ofSeconds(5));
            probe = null;
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write("stop\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            if (process.exitValue() == 0) {
                Files.deleteIfExists(log);
            } else {
                System.err.println("The " + kind.label() + " broker exited with " + process.exitValue() + "; its log: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (IOException e) {
            // the log stays behind
        }
    }

    @Override
    public String toString() {
        return kind.label() + "(" + bootstrap + ")";
    }
}
