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
import java.io.PrintStream;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A producer that learns the fate of each record from a callback: the partition and offset it
 * was written at, or the exception that stopped it. Callbacks run on the producer's I/O thread,
 * so they must be quick.
 */
public final class CallbackProducer extends BaseCommand {

    /** Callbacks print at most this many lines; the rest are only counted. */
    private static final int PRINTED = 10;

    public CallbackProducer() {
        super("producer-callback", "a producer whose callback reports each record's partition and offset",
            Option.BOOTSTRAP_SERVER, Option.topic("callback-example"), Option.records(10));
    }

    @Override
    public int run(Invocation in) throws Exception {
        in.target().createTopic(in.topic(), 3);
        Result result = send(in.bootstrapServers(), in.topic(), in.records(), in.out());
        in.out().println("Acknowledged " + result.acknowledged().size() + ", failed " + result.failed() + ":");
        in.out().print(Deliveries.byPartition(result.acknowledged()));
        return result.failed() == 0 ? 0 : 1;
    }

    /** What the callbacks saw. */
    record Result(Queue<RecordMetadata> acknowledged, int failed) {
    }

    static Result send(String bootstrapServers, String topic, int count, PrintStream out) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());

        Queue<RecordMetadata> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        try (Producer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                String key = "key-" + i;
                producer.send(new ProducerRecord<>(topic, key, "value-" + i), (metadata, exception) -> {
                    if (exception != null) {
                        failed.incrementAndGet();
                        out.println("Could not send " + key + ": " + exception);
                        return;
                    }
                    acknowledged.add(metadata);
                    if (acknowledged.size() <= PRINTED) {
                        out.printf("%s -> partition %d, offset %d%n", key, metadata.partition(), metadata.offset());
                    }
                });
            }
            producer.flush();
        }
        return new Result(acknowledged, failed.get());
    }
}
