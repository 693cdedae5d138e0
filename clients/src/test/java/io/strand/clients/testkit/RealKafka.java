package io.strand.clients.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka 4.1 broker for integration tests: one KRaft node that is both broker and
 * controller, in this JVM, on free 127.0.0.1 ports, with its data in a temporary directory
 * that is deleted on {@link #close()}.
 *
 * <p>Starting one takes a few seconds, so tests share one per JVM: {@link #shared()} (or the
 * JUnit 5 {@link RealKafkaExtension}) starts it on first use and stops it when the JVM exits.
 * Tests that share it use unique topic names ({@link #uniqueTopic}). A test that stops or
 * restarts the broker starts its own with {@link #start()}.
 *
 * <p>Kafka's own logging is lowered to WARN unless the slf4j-simple properties say otherwise.
 */
public final class RealKafka implements AutoCloseable {

    private static final AtomicInteger TOPIC_COUNTER = new AtomicInteger();
    private static volatile RealKafka shared;

    static {
        quietLogging();
    }

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final Map<String, String> overrides;
    /** Whether close() deletes logDir: true for the temporary directory this class made. */
    private final boolean ownsLogDir;
    private KafkaRaftServer server;
    private Admin admin;
    private long lastStartupMillis;

    private RealKafka(Map<String, String> overrides) throws IOException {
        this.logDir = Files.createTempDirectory("strand-real-kafka-");
        this.port = freePort();
        this.controllerPort = freePort();
        this.clusterId = Uuid.randomUuid().toString();
        this.overrides = Map.copyOf(overrides);
        this.ownsLogDir = true;
        format();
    }

    private RealKafka(Path logDir, int port, int controllerPort, String clusterId, Map<String, String> overrides) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.overrides = Map.copyOf(overrides);
        this.ownsLogDir = false;
        // A directory Kafka has run in before keeps its format (meta.properties): start on its data.
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format();
        }
    }

    /** A new broker of its own, started. Close it when done. */
    public static RealKafka start() {
        return start(Map.of());
    }

    /** A new broker with some server properties overridden, started. */
    public static RealKafka start(Map<String, String> serverOverrides) {
        try {
            RealKafka k = new RealKafka(serverOverrides);
            k.startServer();
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A broker on the given directory and ports, started: formatted first if the directory is
     * new, otherwise started on the data a previous broker (perhaps killed) left there. The
     * directory is the caller's: {@link #close()} leaves it. {@link ForkedKafka} runs this in a child JVM.
     */
    public static RealKafka startIn(Path logDir, int port, int controllerPort, String clusterId,
                                    Map<String, String> serverOverrides) {
        RealKafka k = new RealKafka(logDir, port, controllerPort, clusterId, serverOverrides);
        k.startServer();
        return k;
    }

    /** The broker shared by every test in this JVM, started on first use, stopped at JVM exit. */
    public static RealKafka shared() {
        RealKafka k = shared;
        if (k == null) {
            synchronized (RealKafka.class) {
                k = shared;
                if (k == null) {
                    k = start();
                    RealKafka started = k;
                    Runtime.getRuntime().addShutdownHook(new Thread(started::close, "real-kafka-shutdown"));
                    shared = k;
                }
            }
        }
        return k;
    }

    /** "127.0.0.1:port", for bootstrap.servers. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String clusterId() {
        return clusterId;
    }

    /** How long the last start took, from creating the server to the broker being unfenced. */
    public long lastStartupMillis() {
        return lastStartupMillis;
    }

    /** A topic name no other test in this JVM uses. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + TOPIC_COUNTER.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    /** Creates a topic with replication factor 1 and waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    public void createTopic(String name, int partitions, Map<String, String> topicConfigs) {
        createTopic(admin(), bootstrapServers(), name, partitions, topicConfigs);
    }

    /** Creates a topic through {@code admin} and waits until every partition has a leader. */
    static void createTopic(Admin admin, String bootstrapServers, String name, int partitions,
                            Map<String, String> topicConfigs) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(topicConfigs)))
                .all().get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                org.apache.kafka.clients.admin.TopicDescription description;
                try {
                    description = admin.describeTopics(List.of(name)).allTopicNames().get(60, TimeUnit.SECONDS)
                        .get(name);
                } catch (ExecutionException e) {
                    // Just created: the broker's metadata may not know the topic yet.
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(10);
                    continue;
                }
                if (description.partitions().size() == partitions
                    && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Topic " + name + " has no leader for every partition after 60 s");
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Could not create topic " + name + " on " + bootstrapServers, e);
        }
    }

    /** An Apache admin client for this broker, for test setup; closed with the broker. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "real-kafka-admin"));
        }
        return admin;
    }

    /** Stops the broker, keeping its data and ports; {@link #restart()} brings it back. */
    public synchronized void stop() {
        closeAdmin();
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the broker again on the same ports and data after {@link #stop()}. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public synchronized void close() {
        stop();
        if (ownsLogDir) {
            deleteRecursively(logDir);
        }
    }

    private synchronized void startServer() {
        long start = System.nanoTime();
        KafkaRaftServer s = new KafkaRaftServer(new KafkaConfig(serverProperties(), false), Time.SYSTEM);
        s.startup();
        server = s;
        lastStartupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private Properties serverProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        // A test machine has two cores: keep the broker's thread pools small.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.putAll(overrides);
        return p;
    }

    private void format() {
        try (PrintStream silent = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                .setPrintStream(silent)
                .setClusterId(clusterId)
                .setNodeId(1)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir.toString())
                .setDirectories(List.of(logDir.toString()))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the KRaft storage in " + logDir, e);
        }
    }

    private void closeAdmin() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(5));
            admin = null;
        }
    }

    /** A port of 127.0.0.1 that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temp directory
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    /** Kafka logs a lot at INFO; tests want its warnings only. Explicit settings win. */
    private static void quietLogging() {
        for (String logger : new String[] {"kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }

    @Override
    public String toString() {
        return "RealKafka(" + bootstrapServers() + ", " + (server == null ? "stopped" : "running") + ")";
    }
}
