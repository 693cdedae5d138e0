package io.strand.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The tests' independent witness: Apache kafka-clients reading what the examples left in the
 * broker (records, committed offsets, groups), so that a check never relies on Strand's own
 * consumer agreeing with Strand's producer.
 */
public final class Apache {

    private Apache() {
    }

    /** Every record of the topic, partition by partition, with keys and values as bytes. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, null)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Apache consumer could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            return out;
        }
    }

    /** End offset of each partition of the topic. */
    public static Map<Integer, Long> endOffsets(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, null)) {
            Map<Integer, Long> out = new HashMap<>();
            consumer.endOffsets(partitions(consumer, topic)).forEach((tp, o) -> out.put(tp.partition(), o));
            return out;
        }
    }

    /** The group's committed offset of each partition of the topic that has one. */
    public static Map<Integer, Long> committed(String bootstrap, String group, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, group)) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                consumer.committed(new HashSet<>(partitions(consumer, topic)));
            Map<Integer, Long> out = new HashMap<>();
            committed.forEach((tp, om) -> {
                if (om != null) {
                    out.put(tp.partition(), om.offset());
                }
            });
            return out;
        }
    }

    public static ConsumerGroupDescription describeGroup(String bootstrap, String group) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
        }
    }

    public static int partitionCount(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, null)) {
            return consumer.partitionsFor(topic).size();
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> out = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic)) {
            out.add(new TopicPartition(topic, p.partition()));
        }
        return out;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group != null ? group : "apache-witness-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }
}
