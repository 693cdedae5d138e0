package io.strand.examples;

import io.strand.clients.consumer.Consumer;
import io.strand.common.PartitionInfo;
import io.strand.common.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small helpers of the examples that assign partitions themselves. */
final class Positions {

    private Positions() {
    }

    /** Every partition of {@code topic}, as the cluster's metadata lists them. */
    static List<TopicPartition> partitionsOf(Consumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic)) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        return partitions;
    }

    /** Whether the consumer's position has reached {@code end} on every partition of it. */
    static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
