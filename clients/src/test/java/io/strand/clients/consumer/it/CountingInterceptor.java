package io.strand.clients.consumer.it;

import io.strand.clients.consumer.ConsumerInterceptor;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.ConsumerRecords;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.common.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A test interceptor: counts what it sees per client id and drops records with offset 3. */
public class CountingInterceptor implements ConsumerInterceptor<byte[], byte[]> {

    static final Map<String, AtomicInteger> CONSUMED = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> COMMITS = new ConcurrentHashMap<>();
    static final Map<String, Boolean> CLOSED = new ConcurrentHashMap<>();

    private String clientId;

    @Override
    public void configure(Map<String, ?> configs) {
        clientId = (String) configs.get("client.id");
    }

    @Override
    public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> kept = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                CONSUMED.computeIfAbsent(clientId, k -> new AtomicInteger()).incrementAndGet();
                if (r.offset() != 3) {
                    list.add(r);
                }
            }
            kept.put(tp, list);
        }
        return new ConsumerRecords<>(kept, records.nextOffsets());
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        COMMITS.computeIfAbsent(clientId, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void close() {
        CLOSED.put(clientId, true);
    }
}
