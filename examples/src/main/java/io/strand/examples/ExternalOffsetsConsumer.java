package io.strand.examples;

import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.ConsumerRebalanceListener;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.common.TopicPartition;
import io.strand.common.serialization.StringDeserializer;
import io.strand.examples.cli.BaseCommand;
import io.strand.examples.cli.Invocation;
import io.strand.examples.cli.Option;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/**
 * Keeps offsets outside Kafka, next to the results they belong to ({@link FileOffsetStore}), and
 * never commits to Kafka. A {@link ConsumerRebalanceListener} saves the store when partitions are
 * taken away and seeks each partition it is given to the position the store holds. The run
 * stops a first consumer half way and shows a second one resuming exactly where it stopped.
 */
public final class ExternalOffsetsConsumer extends BaseCommand {

    public ExternalOffsetsConsumer() {
        super("consumer-external-offsets", "a consumer that keeps offsets in its own store and seeks on assignment",
            Option.BOOTSTRAP_SERVER, Option.topic("external-offsets-example"), Option.records(20),
            Option.value("group", "id", "the consumer group", "external-offsets-example"),
            Option.value("store", "file", "the offset store (default: a new temporary file)", null));
    }

    @Override
    public int run(Invocation in) throws Exception {
        String storeOption = in.string("store");
        Path file = storeOption != null ? Path.of(storeOption) : Files.createTempFile("strand-offsets", ".properties");
        if (storeOption == null) {
            Files.delete(file); // only the name was wanted: the store starts empty
        }
        SampleRecords.write(in, in.topic(), 3, in.records());
        String group = in.string("group");
        int half = in.records() / 2;

        in.out().println("Consumer 1 processes " + half + " records, then stops:");
        List<ConsumerRecord<String, String>> first =
            consume(in.bootstrapServers(), in.topic(), group, FileOffsetStore.open(file), half, in.out());
        in.out().println("Consumer 2 resumes from " + file + ":");
        List<ConsumerRecord<String, String>> second = consume(in.bootstrapServers(), in.topic(), group,
            FileOffsetStore.open(file), in.records() - half, in.out());

        FileOffsetStore store = FileOffsetStore.open(file);
        long total = store.processed().values().stream().mapToLong(Long::longValue).sum();
        in.out().println("Processed " + first.size() + " + " + second.size() + " records; the store counts "
            + total + ", positions " + Deliveries.sorted(store.positions()));
        if (storeOption == null) {
            Files.deleteIfExists(file);
        }
        return first.size() + second.size() == in.records() ? 0 : 1;
    }

    /** Processes up to {@code limit} records, keeping results and offsets in {@code store} only. */
    static List<ConsumerRecord<String, String>> consume(String bootstrapServers, String topic, String groupId,
                                                        FileOffsetStore store, int limit, PrintStream out) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());

        List<ConsumerRecord<String, String>> processed = new ArrayList<>();
        long deadline = SampleRecords.deadline();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    store.save();
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    for (TopicPartition tp : partitions) {
                        Long position = store.position(tp);
                        if (position != null) {
                            consumer.seek(tp, position);
                        } else {
                            consumer.seekToBeginning(List.of(tp));
                        }
                        out.println("  assigned " + tp + ", starting at "
                            + (position != null ? "offset " + position : "the beginning"));
                    }
                }
            });
            while (processed.size() < limit && SampleRecords.before(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    store.process(record);
                    processed.add(record);
                    if (processed.size() == limit) {
                        break;
                    }
                }
                store.save();
            }
        }
        return processed;
    }
}
