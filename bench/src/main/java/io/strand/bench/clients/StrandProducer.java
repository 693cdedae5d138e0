package io.strand.bench.clients;

import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.ProducerRecord;
import io.strand.common.Metric;
import io.strand.common.MetricName;
import io.strand.common.serialization.ByteArraySerializer;
import java.util.Properties;
import java.util.SortedMap;

/** Strand's producer behind {@link PerfProducer}. */
final class StrandProducer implements PerfProducer {

    private final KafkaProducer<byte[], byte[]> producer;

    StrandProducer(Properties props) {
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
