package io.strand.clients.consumer;

import io.strand.common.TopicPartition;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The records one {@code poll} returned, grouped by partition, in offset order within each.
 * Mirrors Apache Kafka's {@code ConsumerRecords}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class ConsumerRecords<K, V> implements Iterable<ConsumerRecord<K, V>> {

    public static final ConsumerRecords<Object, Object> EMPTY = new ConsumerRecords<>(Map.of(), Map.of());

    private final Map<TopicPartition, List<ConsumerRecord<K, V>>> records;
    private final Map<TopicPartition, OffsetAndMetadata> nextOffsets;

    public ConsumerRecords(Map<TopicPartition, List<ConsumerRecord<K, V>>> records) {
        this(records, Map.of());
    }

    /**
     * @param nextOffsets per partition, the offset (and leader epoch) of the next record to read,
     *                    which is what a commit after processing these records would store
     */
    public ConsumerRecords(Map<TopicPartition, List<ConsumerRecord<K, V>>> records,
                           Map<TopicPartition, OffsetAndMetadata> nextOffsets) {
        this.records = records;
        this.nextOffsets = nextOffsets;
    }

    /** The records of one partition, empty if there are none. */
    public List<ConsumerRecord<K, V>> records(TopicPartition partition) {
        List<ConsumerRecord<K, V>> list = records.get(partition);
        return list == null ? Collections.emptyList() : Collections.unmodifiableList(list);
    }

    /** The next offset to read per partition polled, including partitions that returned no records. */
    public Map<TopicPartition, OffsetAndMetadata> nextOffsets() {
        return Collections.unmodifiableMap(nextOffsets);
    }

    /** The records of every partition of one topic. */
    public Iterable<ConsumerRecord<K, V>> records(String topic) {
        if (topic == null) {
            throw new IllegalArgumentException("Topic must be non-null.");
        }
        return () -> new ConcatIterator<>(records.entrySet().stream()
            .filter(e -> e.getKey().topic().equals(topic))
            .map(Map.Entry::getValue)
            .iterator());
    }

    /** The partitions that have records in this set. */
    public Set<TopicPartition> partitions() {
        return Collections.unmodifiableSet(records.keySet());
    }

    @Override
    public Iterator<ConsumerRecord<K, V>> iterator() {
        return new ConcatIterator<>(records.values().iterator());
    }

    public int count() {
        int count = 0;
        for (List<ConsumerRecord<K, V>> list : records.values()) {
            count += list.size();
        }
        return count;
    }

    public boolean isEmpty() {
        for (List<ConsumerRecord<K, V>> list : records.values()) {
            if (!list.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    public static <K, V> ConsumerRecords<K, V> empty() {
        return (ConsumerRecords<K, V>) EMPTY;
    }

    /** Walks several lists in turn, read-only. */
    private static final class ConcatIterator<T> implements Iterator<T> {
        private final Iterator<? extends List<T>> lists;
        private Iterator<T> current = Collections.emptyIterator();

        ConcatIterator(Iterator<? extends List<T>> lists) {
            this.lists = lists;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && lists.hasNext()) {
                current = lists.next().iterator();
            }
            return current.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
