package io.strand.bench.clients;

import java.time.Duration;
import java.util.SortedMap;

/** The part of a consumer the perf loops use, whichever library implements it. Keys and values are bytes. */
public interface PerfConsumer extends AutoCloseable {

    /** Subscribes to one topic in the configured group; the listener hears rebalances. */
    void subscribe(String topic, AssignmentListener listener);

    /** Subscribes to every topic whose name matches. */
    void subscribe(java.util.regex.Pattern topics, AssignmentListener listener);

    /** One poll; hands every record to the sink and returns how many there were. */
    int poll(Duration timeout, RecordSink sink);

    SortedMap<String, Object> metrics();

    @Override
    void close();

    /** Rebalance events reduced to what the perf tools time: partitions taken away and given. */
    interface AssignmentListener {
        void revoked(int partitions);

        void assigned(int partitions);
    }
}
