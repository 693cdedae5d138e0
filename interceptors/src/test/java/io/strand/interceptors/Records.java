package io.strand.interceptors;

import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.producer.ProducerRecord;
import io.strand.common.TopicPartition;
import io.strand.common.header.internals.RecordHeaders;
import io.strand.common.record.TimestampType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns what a producer would send into what a consumer would receive, headers copied as the wire would. */
final class Records {

    private Records() {
    }

    static <K, V> ConsumerRecord<K, V> delivered(ProducerRecord<K, V> sent, int partition, long offset,
                                                long createTime) {
        return new ConsumerRecord<>(sent.topic(), partition, offset, createTime, TimestampType.CREATE_TIME, -1, -1,
            sent.key(), sent.value(), new RecordHeaders(sent.headers()), Optional.empty());
    }

    /** One poll's worth: the records grouped by partition, in order. */
    static <K, V> ConsumerRecords<K, V> batch(List<ConsumerRecord<K, V>> records) {
        Map<TopicPartition, List<ConsumerRecord<K, V>>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<K, V> r : records) {
            byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new ArrayList<>()).add(r);
        }
        return new ConsumerRecords<>(byPartition);
    }
}
