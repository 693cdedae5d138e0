package io.strand.examples;

import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.common.TopicPartition;
import io.strand.common.serialization.StringDeserializer;
import io.strand.examples.cli.BaseCommand;
import io.strand.examples.cli.Invocation;
import io.strand.examples.cli.Option;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Commits by hand, once records are processed: {@code commitAsync} after each batch, which does
 * not block and whose occasional failure the next commit makes good, and {@code commitSync} once
 * before closing, which retries until it succeeds, so that the last position is never lost.
 */
public final class ManualCommitConsumer extends BaseCommand {

    public ManualCommitConsumer() {
        super("consumer-manual-commit",
            "a consumer that commits with commitAsync per batch and commitSync on the way out",
            Option.BOOTSTRAP_SERVER, Option.topic("manual-commit-example"), Option.records(10),
            Option.value("group", "id", "the consumer group", "manual-commit-example"));
    }

    @Override
    public int run(Invocation in) {
        SampleRecords.write(in, in.topic(), 3, in.records());
        Result result = consume(in.bootstrapServers(), in.topic(), in.string("group"), in.records(), in.out());
        in.out().println("Processed " + result.processed() + " records, " + result.asyncCommits()
            + " asynchronous commits succeeded; committed at the end:");
        Deliveries.sorted(result.committed())
            .forEach((tp, offset) -> in.out().println("  " + tp + ": " + offset.offset()));
        return result.processed() >= in.records() ? 0 : 1;
    }

    /** What the consumer did: records processed, commits that succeeded, and the offsets committed last. */
    record Result(int processed, int asyncCommits, Map<TopicPartition, OffsetAndMetadata> committed) {
    }

    static Result consume(String bootstrapServers, String topic, String groupId, int expected, PrintStream out) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());

        int processed = 0;
        AtomicInteger asyncCommits = new AtomicInteger();
        Map<TopicPartition, OffsetAndMetadata> committed;
        long deadline = SampleRecords.deadline();
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        try {
            consumer.subscribe(List.of(topic));
            while (processed < expected && SampleRecords.before(deadline)) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, String> record : records) {
                    out.printf("partition = %d, offset = %d, key = %s, value = %s%n",
                        record.partition(), record.offset(), record.key(), record.value());
                    processed++;
                }
                if (!records.isEmpty()) {
                    consumer.commitAsync((offsets, exception) -> {
                        if (exception != null) {
                            out.println("Commit of " + offsets + " failed; a later one will cover it: " + exception);
                        } else {
                            asyncCommits.incrementAndGet();
                        }
                    });
                }
            }
        } finally {
            try {
                consumer.commitSync(); // blocks, and retries what can be retried
                committed = consumer.committed(consumer.assignment());
            } finally {
                consumer.close();
            }
        }
        return new Result(processed, asyncCommits.get(), committed);
    }
}
