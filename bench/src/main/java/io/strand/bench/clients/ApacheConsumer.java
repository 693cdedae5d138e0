package io.strand.bench.clients;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.SortedMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Apache kafka-clients' consumer behind {@link PerfConsumer}. */
final class ApacheConsumer implements PerfConsumer {

    private final KafkaConsumer<byte[], byte[]> consumer;

    ApacheConsumer(Properties props) {
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void subscribe(String topic, AssignmentListener listener) {
        consumer.subscribe(List.of(topic), rebalanceListener(listener));
    }

    @Override
    public void subscribe(Pattern topics, AssignmentListener listener) {
        consumer.subscribe(topics, rebalanceListener(listener));
    }

    private static ConsumerRebalanceListener rebalanceListener(AssignmentListener listener) {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                listener.revoked(partitions.size());
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                listener.assigned(partitions.size());
            }
        };
    }

    @Override
    public int poll(Duration timeout, RecordSink sink) {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            sink.accept(r.key(), r.value(), r.timestamp());
            n++;
        }
        return n;
    }

    @Override
    public SortedMap<String, Object> metrics() {
        return Metrics.flatten(consumer.metrics(), MetricName::group, MetricName::name, MetricName::tags,
            Metric::metricValue);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
