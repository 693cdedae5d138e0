package io.strand.bench.clients;

/** Receives every record a perf consumer polls. */
@FunctionalInterface
public interface RecordSink {

    void accept(byte[] key, byte[] value, long timestamp);
}
