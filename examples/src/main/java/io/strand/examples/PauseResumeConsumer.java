package io.strand.examples;

import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.common.TopicPartition;
import io.strand.common.serialization.StringDeserializer;
import io.strand.examples.cli.BaseCommand;
import io.strand.examples.cli.Invocation;
import io.strand.examples.cli.Option;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Flow control with {@code pause} and {@code resume}: one consumer reads two topics, but serves
 * the urgent one first. The bulk topic's partitions stay assigned, paused, so that {@code poll}
 * fetches nothing from them until the urgent topic has been read to its end.
 */
public final class PauseResumeConsumer extends BaseCommand {

    public PauseResumeConsumer() {
        super("pause-resume", "a consumer that pauses one topic until it has caught up on another",
            Option.BOOTSTRAP_SERVER, Option.records(10),
            Option.value("urgent-topic", "name", "the topic served first", "pause-resume-urgent"),
            Option.value("bulk-topic", "name", "the topic served once the urgent one has caught up",
                "pause-resume-bulk"));
    }

    @Override
    public int run(Invocation in) {
        String urgent = in.string("urgent-topic");
        String bulk = in.string("bulk-topic");
        SampleRecords.write(in, bulk, 2, in.records());
        SampleRecords.write(in, urgent, 2, in.records());
        List<ConsumerRecord<String, String>> read = consume(in.bootstrapServers(), urgent, bulk, in.out());
        in.out().println("Read " + read.size() + " records, all of " + urgent + " before any of " + bulk + ".");
        return 0;
    }

    /** Reads {@code urgentTopic} to its end, then {@code bulkTopic}; returns the records in the order read. */
    static List<ConsumerRecord<String, String>> consume(String bootstrapServers, String urgentTopic, String bulkTopic,
                                                        PrintStream out) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());

        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> urgent = Positions.partitionsOf(consumer, urgentTopic);
            List<TopicPartition> bulk = Positions.partitionsOf(consumer, bulkTopic);
            List<TopicPartition> all = new ArrayList<>(urgent);
            all.addAll(bulk);
            consumer.assign(all);

            consumer.pause(bulk);
            out.println("Paused " + consumer.paused() + " until " + urgentTopic + " has caught up");
            readUntil(consumer, consumer.endOffsets(urgent), read, out);

            consumer.resume(bulk);
            out.println("Resumed " + bulk);
            readUntil(consumer, consumer.endOffsets(bulk), read, out);
        }
        return read;
    }

    private static void readUntil(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end,
                                  List<ConsumerRecord<String, String>> read, PrintStream out) {
        long deadline = SampleRecords.deadline();
        while (!Positions.reached(consumer, end) && SampleRecords.before(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                out.printf("topic = %s, partition = %d, offset = %d, value = %s%n",
                    record.topic(), record.partition(), record.offset(), record.value());
                read.add(record);
            }
        }
    }
}
