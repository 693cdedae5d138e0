package io.strand.examples;

import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.Producer;
import io.strand.clients.producer.ProducerConfig;
import io.strand.clients.producer.ProducerRecord;
import io.strand.clients.producer.RecordMetadata;
import io.strand.common.serialization.StringSerializer;
import io.strand.examples.cli.BaseCommand;
import io.strand.examples.cli.Invocation;
import io.strand.examples.cli.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Future;

/**
 * A producer whose records are placed by a partitioner of our own, {@link VipPartitioner},
 * named in {@code partitioner.class}. {@code --partitioner} swaps in another, such as the
 * ready-made {@code io.strand.clients.producer.RoundRobinPartitioner}.
 */
public final class CustomPartitionerProducer extends BaseCommand {

    public CustomPartitionerProducer() {
        super("partitioner", "a custom partitioner that keeps vip- keys on a partition of their own",
            "Sends keys customer-0, customer-1, ... with every fifth one a vip- key, through the\n"
                + "partitioner.class VipPartitioner (vip- keys to partition 0, the others hashed over the rest),\n"
                + "and shows where the keys went.",
            Option.BOOTSTRAP_SERVER, Option.topic("partitioner-example"), Option.records(20),
            Option.number("partitions", "partitions of the topic, when it is created", 4, 1),
            Option.value("partitioner", "class", "the partitioner.class to use", VipPartitioner.class.getName()));
    }

    @Override
    public int run(Invocation in) throws Exception {
        in.target().createTopic(in.topic(), in.intValue("partitions"));
        Map<Integer, List<String>> keysByPartition =
            send(in.bootstrapServers(), in.topic(), in.records(), in.string("partitioner"));
        keysByPartition.forEach((partition, keys) -> in.out().printf("partition %d: %d keys %s%n",
            partition, keys.size(), keys.size() <= 8 ? keys : keys.subList(0, 8) + "..."));
        return 0;
    }

    /** The key of the i-th record: every fifth a vip. */
    static String key(int i) {
        return (i % 5 == 0 ? "vip-" : "customer-") + i;
    }

    /** Sends {@code count} keyed records; returns the keys each partition received, in order. */
    static Map<Integer, List<String>> send(String bootstrapServers, String topic, int count, String partitioner)
        throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, partitioner);

        List<String> keys = new ArrayList<>();
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        try (Producer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                keys.add(key(i));
                futures.add(producer.send(new ProducerRecord<>(topic, key(i), "order " + i)));
            }
        }
        Map<Integer, List<String>> keysByPartition = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            int partition = futures.get(i).get().partition();
            keysByPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(keys.get(i));
        }
        return keysByPartition;
    }
}
