package io.strand.broker.internals;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a broker is started with. {@code ports} holds one port per node (0 picks a free
 * one); {@code dataDir} null keeps everything in memory; {@code flushEveryAppend} fsyncs disk
 * logs before each append returns (see {@link io.strand.broker.internals.log.LogConfig}).
 */
public record BrokerConfig(String host, List<Integer> ports, int defaultPartitions, int defaultReplicationFactor,
                           boolean autoCreateTopics, Path dataDir, int maxFrameBytes, String clusterId,
                           boolean flushEveryAppend) {

    public static final int DEFAULT_MAX_FRAME_BYTES = 100 * 1024 * 1024;

    public BrokerConfig {
        ports = List.copyOf(ports);
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("A broker needs at least one node");
        }
        if (defaultPartitions < 1) {
            throw new IllegalArgumentException("The default partition count must be at least 1, got " + defaultPartitions);
        }
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("The frame size limit must be at least 1024 bytes, got " + maxFrameBytes);
        }
    }

    /** Without fsync per append, the default. */
    public BrokerConfig(String host, List<Integer> ports, int defaultPartitions, int defaultReplicationFactor,
                        boolean autoCreateTopics, Path dataDir, int maxFrameBytes, String clusterId) {
        this(host, ports, defaultPartitions, defaultReplicationFactor, autoCreateTopics, dataDir, maxFrameBytes,
            clusterId, false);
    }

    public int nodeCount() {
        return ports.size();
    }
}
