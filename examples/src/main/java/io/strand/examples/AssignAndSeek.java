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
 * Takes partitions by hand with {@code assign} (no group, no rebalancing, nothing committed) and
 * moves the position with {@code seek}: here to the last {@code --last} records of each partition,
 * as {@code tail} does for a file, reading until it reaches the end offsets it found.
 */
public final class AssignAndSeek extends BaseCommand {

    public AssignAndSeek() {
        super("assign-seek", "a consumer that assigns partitions itself and seeks to the last records of each",
            Option.BOOTSTRAP_SERVER, Option.topic("assign-seek-example"), Option.records(30),
            Option.number("last", "how many records to read from the end of each partition", 3, 0));
    }

    @Override
    public int run(Invocation in) {
        SampleRecords.write(in, in.topic(), 3, in.records());
        List<ConsumerRecord<String, String>> read =
            tail(in.bootstrapServers(), in.topic(), in.intValue("last"), in.out());
        in.out().println("Read " + read.size() + " records.");
        return 0;
    }

    /** Reads the last {@code last} records of every partition of {@code topic}. */
    static List<ConsumerRecord<String, String>> tail(String bootstrapServers, String topic, int last,
                                                     PrintStream out) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());

        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = Positions.partitionsOf(consumer, topic);
            consumer.assign(partitions);

            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                long from = Math.max(beginning.get(tp), end.get(tp) - last);
                consumer.seek(tp, from);
                out.printf("%s: beginning offset %d, end offset %d; reading from %d%n",
                    tp, beginning.get(tp), end.get(tp), from);
            }

            long deadline = SampleRecords.deadline();
            while (!Positions.reached(consumer, end) && SampleRecords.before(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        out.printf("partition = %d, offset = %d, key = %s, value = %s%n",
                            record.partition(), record.offset(), record.key(), record.value());
                        read.add(record);
                    }
                }
            }
        }
        return read;
    }
}
