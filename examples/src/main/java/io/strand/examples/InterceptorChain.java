package io.strand.examples;

import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.Producer;
import io.strand.clients.producer.ProducerConfig;
import io.strand.clients.producer.ProducerRecord;
import io.strand.common.header.Header;
import io.strand.common.serialization.StringDeserializer;
import io.strand.common.serialization.StringSerializer;
import io.strand.examples.cli.BaseCommand;
import io.strand.examples.cli.Invocation;
import io.strand.examples.cli.Option;
import io.strand.interceptors.CountingProducerInterceptor;
import io.strand.interceptors.LatencyConsumerInterceptor;
import io.strand.interceptors.TimestampProducerInterceptor;
import io.strand.interceptors.TraceContext;
import io.strand.interceptors.TracingConsumerInterceptor;
import io.strand.interceptors.TracingProducerInterceptor;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Interceptors chained with {@code interceptor.classes}, from the strand-interceptors module. The
 * producer's chain gives each record a trace id and a send-time header and counts what was
 * acknowledged; the consumer's chain measures end-to-end latency from that header. The records
 * of the first half are sent inside one trace, so they share its id; the others each get their
 * own. The counting and latency interceptors report when their client closes, through slf4j.
 */
public final class InterceptorChain extends BaseCommand {

    public InterceptorChain() {
        super("interceptors", "producer and consumer interceptor chains: trace ids, send times, counts, latency",
            Option.BOOTSTRAP_SERVER, Option.topic("interceptors-example"), Option.records(10),
            Option.value("group", "id", "the consumer group", "interceptors-example"));
    }

    @Override
    public int run(Invocation in) {
        in.target().createTopic(in.topic(), 3);
        String trace = produce(in.bootstrapServers(), in.topic(), in.records());
        in.out().println("Sent " + in.records() + " records; the first " + in.records() / 2 + " in trace " + trace);
        List<Traced> received = consume(in.bootstrapServers(), in.topic(), in.string("group"), in.records(), in.out());
        in.out().println("(The latency includes the consumer joining its group: "
            + "every record was sent before it started.)");
        return received.size() >= in.records() ? 0 : 1;
    }

    /** Sends {@code count} records through the producer chain; returns the trace id of the first half. */
    static String produce(String bootstrapServers, String topic, int count) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, String.join(",",
            TracingProducerInterceptor.class.getName(),
            TimestampProducerInterceptor.class.getName(),
            CountingProducerInterceptor.class.getName()));

        String trace = TraceContext.newTraceId();
        try (Producer<String, String> producer = new KafkaProducer<>(props)) {
            try (TraceContext.Scope scope = TraceContext.activate(trace)) {
                for (int i = 0; i < count / 2; i++) {
                    producer.send(new ProducerRecord<>(topic, "key-" + i, "in the trace"));
                }
            }
            for (int i = count / 2; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "on its own"));
            }
        } // CountingProducerInterceptor logs how many were acknowledged
        return trace;
    }

    /** A record as the consumer saw it: its key, trace id, and send time (-1 without the header). */
    record Traced(String key, String traceId, long sentAtMs) {
    }

    static List<Traced> consume(String bootstrapServers, String topic, String groupId, int expected, PrintStream out) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, String.join(",",
            TracingConsumerInterceptor.class.getName(),
            LatencyConsumerInterceptor.class.getName()));

        List<Traced> received = new ArrayList<>();
        long deadline = SampleRecords.deadline();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (received.size() < expected && SampleRecords.before(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    // While the scope is open the trace id is in the slf4j MDC: every log line carries it.
                    try (TraceContext.Scope scope = TraceContext.activate(record)) {
                        Header sent = record.headers().lastHeader(TimestampProducerInterceptor.DEFAULT_HEADER);
                        long sentAt = sent == null ? -1 : ByteBuffer.wrap(sent.value()).getLong();
                        out.printf("%s (%s): trace %s, sent %d ms ago%n", record.key(), record.value(),
                            scope.traceId(), System.currentTimeMillis() - sentAt);
                        received.add(new Traced(record.key(), scope.traceId(), sentAt));
                    }
                }
            }
        } // LatencyConsumerInterceptor logs the end-to-end latency percentiles
        return received;
    }
}
