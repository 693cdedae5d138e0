package io.strand.bench.clients;

import java.util.Properties;
import java.util.SortedMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Apache kafka-clients' producer behind {@link PerfProducer}. */
final class ApacheProducer implements PerfProducer {

    private final KafkaProducer<byte[], byte[]> producer;

    ApacheProducer(Properties props) {
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void send(String topic, byte[] value, PerfCallback callback) {
        producer.send(new ProducerRecord<>(topic, value), callback);
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public SortedMap<String, Object> metrics() {
        return Metrics.flatten(producer.metrics(), MetricName::group, MetricName::name, MetricName::tags,
            Metric::metricValue);
    }

    @Override
    public void close() {
        producer.close();
    }
}
