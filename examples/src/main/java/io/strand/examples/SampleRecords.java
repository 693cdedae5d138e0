package io.strand.examples;

import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.Producer;
import io.strand.clients.producer.ProducerConfig;
import io.strand.clients.producer.ProducerRecord;
import io.strand.clients.producer.RecordMetadata;
import io.strand.common.KafkaException;
import io.strand.common.serialization.StringSerializer;
import io.strand.examples.cli.Invocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Gives the consumer examples something to read: records key-i / value-i, written before they start. */
final class SampleRecords {

    /** How long a consumer example waits for the records it expects before it gives up. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private SampleRecords() {
    }

    /** Creates the topic unless it exists and writes {@code count} records to it. */
    static void write(Invocation in, String topic, int partitions, int count) {
        in.target().createTopic(topic, partitions);
        write(in.bootstrapServers(), topic, count);
        in.out().println("Wrote " + count + " sample records to " + topic);
    }

    static void write(String bootstrapServers, String topic, int count) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(count);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (Producer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)));
            }
        }
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new KafkaException("Could not write the sample records to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while writing the sample records to " + topic, e);
        }
    }

    /** Nanosecond deadline {@link #WAIT} from now. */
    static long deadline() {
        return System.nanoTime() + WAIT.toNanos();
    }

    static boolean before(long deadline) {
        return System.nanoTime() - deadline < 0;
    }
}
