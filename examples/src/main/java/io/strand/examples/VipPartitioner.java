package io.strand.examples;

import io.strand.clients.producer.Partitioner;
import io.strand.common.Cluster;
import io.strand.common.utils.Utils;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A custom partitioner: keys that start with {@code vip-} get partition 0 to themselves, so that
 * a consumer can serve them first; every other key is hashed over the remaining partitions.
 * Configure it with {@code partitioner.class}; the producer calls {@link #configure} first.
 */
public class VipPartitioner implements Partitioner {

    /** Which keys go to partition 0; "vip-" unless configured. */
    public static final String PREFIX_CONFIG = "vip.partitioner.prefix";

    private byte[] prefix = "vip-".getBytes(StandardCharsets.UTF_8);

    @Override
    public void configure(Map<String, ?> configs) {
        Object p = configs.get(PREFIX_CONFIG);
        if (p != null) {
            prefix = p.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                         Cluster cluster) {
        int partitions = cluster.partitionsForTopic(topic).size();
        if (keyBytes == null) {
            throw new IllegalArgumentException("VipPartitioner needs a key on every record of " + topic);
        }
        if (partitions == 1 || startsWithPrefix(keyBytes)) {
            return 0;
        }
        return 1 + Utils.toPositive(Utils.murmur2(keyBytes)) % (partitions - 1);
    }

    private boolean startsWithPrefix(byte[] keyBytes) {
        if (keyBytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (keyBytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
    }
}
