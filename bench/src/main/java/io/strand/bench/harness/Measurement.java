package io.strand.bench.harness;

/**
 * One run of one workload. Throughput runs fill the rate fields; latency runs fill p50/p99
 * (milliseconds), consumer runs the group join time. CPU figures are per record: the client's (its host JVM) and the broker's (its JVM).
 */
public record Measurement(long records, double seconds, double recordsPerSec, double mbPerSec,
                          double clientCpuMicrosPerRecord, double brokerCpuMicrosPerRecord,
                          double allocatedBytesPerRecord, double p50Ms, double p99Ms, double p999Ms, double joinMs) {

    static Measurement throughput(long records, long bytes, long nanos, long clientCpuNanos, long brokerCpuNanos,
                                  long allocatedBytes) {
        double seconds = nanos / 1e9;
        return new Measurement(records, seconds, records / seconds, bytes / seconds / (1024 * 1024),
            clientCpuNanos / 1e3 / records, brokerCpuNanos / 1e3 / records, (double) allocatedBytes / records,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    Measurement withLatency(double p50, double p99, double p999) {
        return new Measurement(records, seconds, recordsPerSec, mbPerSec, clientCpuMicrosPerRecord,
            brokerCpuMicrosPerRecord, allocatedBytesPerRecord, p50, p99, p999, joinMs);
    }

    /** With the time from subscribe() to the first partitions assigned. */
    Measurement withJoin(double ms) {
        return new Measurement(records, seconds, recordsPerSec, mbPerSec, clientCpuMicrosPerRecord,
            brokerCpuMicrosPerRecord, allocatedBytesPerRecord, p50Ms, p99Ms, p999Ms, ms);
    }
}
