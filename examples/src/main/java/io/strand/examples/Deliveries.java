package io.strand.examples;

import io.strand.clients.producer.RecordMetadata;
import io.strand.common.TopicPartition;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/** Sums up where records landed: per partition, how many and which offsets. */
final class Deliveries {

    private Deliveries() {
    }

    /** Orders topic partitions by topic, then partition number. */
    static final Comparator<TopicPartition> BY_PARTITION =
        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    /** A copy of {@code map} that iterates in partition order. */
    static <V> Map<TopicPartition, V> sorted(Map<TopicPartition, V> map) {
        Map<TopicPartition, V> out = new TreeMap<>(BY_PARTITION);
        out.putAll(map);
        return out;
    }

    /** One line per partition, e.g. {@code first-0: 10 records, offsets 0 to 9}. */
    static String byPartition(Collection<RecordMetadata> sent) {
        Map<String, long[]> parts = new TreeMap<>();
        for (RecordMetadata m : sent) {
            long[] countMinMax = parts.computeIfAbsent(m.topic() + "-" + m.partition(),
                k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
            countMinMax[0]++;
            countMinMax[1] = Math.min(countMinMax[1], m.offset());
            countMinMax[2] = Math.max(countMinMax[2], m.offset());
        }
        StringBuilder sb = new StringBuilder();
        parts.forEach((tp, c) -> sb.append(String.format("  %s: %d record%s, offsets %d to %d%n",
            tp, c[0], c[0] == 1 ? "" : "s", c[1], c[2])));
        return sb.toString();
    }
}
