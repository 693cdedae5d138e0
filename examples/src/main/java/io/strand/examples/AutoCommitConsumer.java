package io.strand.examples;

import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.common.serialization.StringDeserializer;
import io.strand.examples.cli.BaseCommand;
import io.strand.examples.cli.Invocation;
import io.strand.examples.cli.Option;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The simplest consumer: it joins a group, subscribes, polls, and lets the consumer commit the
 * offsets of what {@code poll} returned every {@code auto.commit.interval.ms} (and on close).
 * A crash between two commits means the records since the last one are read again.
 */
public final class AutoCommitConsumer extends BaseCommand {

    public AutoCommitConsumer() {
        super("consumer-auto-commit", "a consumer in a group that commits offsets automatically",
            Option.BOOTSTRAP_SERVER, Option.topic("auto-commit-example"), Option.records(10),
            Option.value("group", "id", "the consumer group", "auto-commit-example"));
    }

    @Override
    public int run(Invocation in) {
        SampleRecords.write(in, in.topic(), 3, in.records());
        List<ConsumerRecord<String, String>> received =
            consume(in.bootstrapServers(), in.topic(), in.string("group"), in.records(), in.out());
        in.out().println("Received " + received.size() + " records; the group's offsets are committed.");
        return received.size() >= in.records() ? 0 : 1;
    }

    /** Reads until {@code expected} records have arrived (or {@link SampleRecords#WAIT} has passed). */
    static List<ConsumerRecord<String, String>> consume(String bootstrapServers, String topic, String groupId,
                                                        int expected, PrintStream out) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        props.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, "1000");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        long deadline = SampleRecords.deadline();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (received.size() < expected && SampleRecords.before(deadline)) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, String> record : records) {
                    out.printf("partition = %d, offset = %d, key = %s, value = %s%n",
                        record.partition(), record.offset(), record.key(), record.value());
                    received.add(record);
                }
            }
        } // close() commits the offsets of everything poll returned
        return received;
    }
}
