package io.strand.broker;

import io.strand.broker.internals.Broker;
import io.strand.broker.internals.BrokerConfig;
import io.strand.broker.internals.cluster.PartitionState;
import io.strand.broker.internals.cluster.TopicConfig;
import io.strand.broker.internals.cluster.TopicState;
import io.strand.common.Node;
import io.strand.common.TopicPartition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Strand's bundled Kafka-protocol broker, embedded: a real TCP server that any Kafka client
 * (Apache kafka-clients, librdkafka, Strand) can produce to and consume from.
 *
 * <pre>
 *   try (StubBroker broker = StubBroker.builder().nodes(3).build()) {
 *       props.put("bootstrap.servers", broker.bootstrapServers());
 *       ...
 *   }
 * </pre>
 *
 * <p>Several nodes run in one process on separate ports, with partition leaders spread over
 * them, so clients must route by leader. Tests can move leaders, stop and restart nodes, and
 * inject faults through {@link #faults()}. Storage is in memory unless a data directory is given.
 */
public final class StubBroker implements AutoCloseable {

    private final Broker broker;
    private final Faults faults;

    private StubBroker(BrokerConfig config) {
        this.broker = new Broker(config);
        this.faults = new Faults(broker);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A single node on a free port of 127.0.0.1, storing in memory. */
    public static StubBroker start() {
        return builder().build();
    }

    /** host:port of every running node, comma-separated, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The nodes, running or not, with the ports they listen on (or will again). */
    public List<Node> nodes() {
        List<Node> out = new ArrayList<>();
        broker.servers().forEach(s -> out.add(new Node(s.nodeId(), s.host(), s.port())));
        return out;
    }

    /** The port of a node. */
    public int port(int nodeId) {
        return broker.server(nodeId).port();
    }

    public String clusterId() {
        return broker.cluster().clusterId();
    }

    public Faults faults() {
        return faults;
    }

    /** Creates a topic with {@code partitions} partitions (-1 for the default) and config overrides. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        broker.cluster().createTopic(name, partitions, -1, null, TopicConfig.of(configs), false);
    }

    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** The node leading a partition, or -1 when none does (all its replicas are stopped). */
    public int leader(TopicPartition tp) {
        return partition(tp).leader();
    }

    public int leaderEpoch(TopicPartition tp) {
        return partition(tp).leaderEpoch();
    }

    /**
     * Makes {@code nodeId} the leader of a partition in a new leader epoch. Clients that still
     * send to the old leader get NOT_LEADER_OR_FOLLOWER and refresh their metadata.
     */
    public void moveLeader(TopicPartition tp, int nodeId) {
        broker.cluster().moveLeader(tp, nodeId);
    }

    /**
     * Stops a node: its port refuses connections, its open connections close, and the partitions
     * it led move to another live replica (or go offline) in a new leader epoch.
     */
    public void stopNode(int nodeId) {
        broker.stopNode(nodeId);
    }

    /** Starts a stopped node again on the same port. */
    public void restartNode(int nodeId) {
        broker.restartNode(nodeId);
    }

    public boolean isRunning(int nodeId) {
        return broker.server(nodeId).isRunning();
    }

    private PartitionState partition(TopicPartition tp) {
        TopicState t = broker.cluster().topic(tp.topic());
        PartitionState p = t == null ? null : t.partition(tp.partition());
        if (p == null) {
            throw new IllegalArgumentException("Unknown partition " + tp);
        }
        return p;
    }

    /** Stops every node and frees the ports, threads and storage. */
    @Override
    public void close() {
        broker.close();
    }

    @Override
    public String toString() {
        return "StubBroker(" + bootstrapServers() + ")";
    }

    /** Settings of a {@link StubBroker}; every one has a default that suits tests. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private int nodes = 1;
        private int defaultPartitions = 1;
        private int defaultReplicationFactor = -1;
        private boolean autoCreateTopics = true;
        private Path dataDir;
        private int maxFrameBytes = BrokerConfig.DEFAULT_MAX_FRAME_BYTES;
        private String clusterId;
        private boolean flushEveryAppend;

        private Builder() {
        }

        /** The address to listen on; 127.0.0.1 by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The port of node 0 (0, the default, picks a free port for every node); node i listens
         * on {@code port + i}.
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** How many nodes (brokers) the cluster has; 1 by default. */
        public Builder nodes(int nodes) {
            if (nodes < 1 || nodes > 64) {
                throw new IllegalArgumentException("nodes must be 1 to 64, got " + nodes);
            }
            this.nodes = nodes;
            return this;
        }

        /** Partitions of topics created without a count (auto-created ones too); 1 by default, like Kafka's num.partitions. */
        public Builder defaultPartitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("defaultPartitions must be at least 1, got " + partitions);
            }
            this.defaultPartitions = partitions;
            return this;
        }

        /**
         * Replicas of topics created without a replication factor. By default every node holds a
         * replica, so that stopping a node moves its partitions to another instead of taking them offline.
         */
        public Builder defaultReplicationFactor(int replicationFactor) {
            if (replicationFactor < 1) {
                throw new IllegalArgumentException("defaultReplicationFactor must be at least 1, got " + replicationFactor);
            }
            this.defaultReplicationFactor = replicationFactor;
            return this;
        }

        /** Whether Metadata requests create unknown topics (auto.create.topics.enable); true by default. */
        public Builder autoCreateTopics(boolean autoCreate) {
            this.autoCreateTopics = autoCreate;
            return this;
        }

        /** Keeps logs and topic metadata in this directory, so that a broker started on it again finds them. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** The largest request frame accepted; larger ones close the connection. 100 MiB by default. */
        public Builder maxFrameBytes(int bytes) {
            this.maxFrameBytes = bytes;
            return this;
        }

        /** A fixed cluster id instead of a random one. */
        public Builder clusterId(String clusterId) {
            this.clusterId = clusterId;
            return this;
        }

        /**
         * With a data directory: fsync each append before acknowledging it (like Kafka's
         * {@code flush.messages=1}). Off by default: appends reach the operating system before they
         * are acknowledged, which survives the broker process being killed but not the machine
         * losing power.
         */
        public Builder flushEveryAppend(boolean flush) {
            this.flushEveryAppend = flush;
            return this;
        }

        /** Starts the broker; it serves requests when this returns. */
        public StubBroker build() {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                ports.add(port == 0 ? 0 : port + i);
            }
            int rf = defaultReplicationFactor == -1 ? nodes : defaultReplicationFactor;
            return new StubBroker(new BrokerConfig(host, ports, defaultPartitions, rf, autoCreateTopics, dataDir,
                maxFrameBytes, clusterId, flushEveryAppend));
        }
    }
}
