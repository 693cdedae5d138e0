package io.strand.examples.cli;

import io.strand.broker.StubBroker;
import java.time.Duration;

/** The Kafka an example talks to: a bundled broker it started, or a cluster the user named. */
public final class KafkaTarget implements AutoCloseable {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final StubBroker broker;
    private final String bootstrapServers;

    private KafkaTarget(StubBroker broker, String bootstrapServers) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a one-node bundled broker on a free port of 127.0.0.1, storing in memory. */
    public static KafkaTarget bundled() {
        StubBroker broker = StubBroker.builder().build();
        return new KafkaTarget(broker, broker.bootstrapServers());
    }

    /** A cluster reached through {@code bootstrapServers} (host:port, comma-separated). */
    public static KafkaTarget external(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new UsageException("--bootstrap-server needs host:port");
        }
        BootstrapAddresses.parse(bootstrapServers);
        return new KafkaTarget(null, bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean isBundled() {
        return broker != null;
    }

    /**
     * Creates a topic with {@code partitions} partitions and the cluster's default replication
     * factor, and waits until every partition has a leader.
     *
     * @return true if created, false if it existed already (whatever its partition count)
     */
    public boolean createTopic(String topic, int partitions) {
        return TopicCreator.create(bootstrapServers, topic, partitions, TOPIC_TIMEOUT);
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
