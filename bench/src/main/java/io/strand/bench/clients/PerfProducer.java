package io.strand.bench.clients;

import java.util.SortedMap;

/** The part of a producer the perf loops use, whichever library implements it. Keys and values are bytes. */
public interface PerfProducer extends AutoCloseable {

    /** Sends a record with no key; the callback hears the outcome. */
    void send(String topic, byte[] value, PerfCallback callback);

    void flush();

    /** "group:name:{tags}" to value, sorted, as kafka-producer-perf-test's --print-metrics shows them. */
    SortedMap<String, Object> metrics();

    @Override
    void close();
}
