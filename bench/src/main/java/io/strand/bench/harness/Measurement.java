package io.strand.bench.harness;

/**
 * One run of one workload. Throughput runs fill the rate fields; latency runs fill p50/p99
 * (milliseconds), consumer runs the group join time, the first record's time and the longest stall.
 * CPU figures are per record: the client's (its host JVM), the broker's (its JVM), every other
 * process's on the machine, and the time the hypervisor gave to other machines (steal).
 */
public record Measurement(long records, double seconds, double recordsPerSec, double mbPerSec,
                          double clientCpuMicrosPerRecord, double brokerCpuMicrosPerRecord,
                          double othersCpuMicrosPerRecord, double stealMicrosPerRecord,
                          double allocatedBytesPerRecord, double p50Ms, double p99Ms, double p999Ms,
                          double joinMs, double firstRecordMs, double longestStallMs) {

    /** A run of {@code nanos}, its CPU figures read from {@code used} now. */
    static Measurement throughput(long records, long bytes, long nanos, Resources used, long allocatedBytes) {
        double seconds = nanos / 1e9;
        long others = used.othersCpuNanos();
        long steal = used.stealNanos();
        return new Measurement(records, seconds, records / seconds, bytes / seconds / (1024 * 1024),
            used.clientCpuNanos() / 1e3 / records, used.brokerCpuNanos() / 1e3 / records,
            others < 0 ? Double.NaN : others / 1e3 / records, steal < 0 ? Double.NaN : steal / 1e3 / records,
            (double) allocatedBytes / records,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    Measurement withLatency(double p50, double p99, double p999) {
        return new Measurement(records, seconds, recordsPerSec, mbPerSec, clientCpuMicrosPerRecord,
            brokerCpuMicrosPerRecord, othersCpuMicrosPerRecord, stealMicrosPerRecord, allocatedBytesPerRecord,
            p50, p99, p999, joinMs, firstRecordMs, longestStallMs);
    }

    /**
     * With the times from subscribe() to the first partitions assigned and to the first record, and
     * the longest gap between two polls that returned records: a run of a few hundred milliseconds
     * that waits once for 100 ms is a different run from one that is slower throughout.
     */
    Measurement withConsumerTimes(double joinMs, double firstRecordMs, double longestStallMs) {
        return new Measurement(records, seconds, recordsPerSec, mbPerSec, clientCpuMicrosPerRecord,
            brokerCpuMicrosPerRecord, othersCpuMicrosPerRecord, stealMicrosPerRecord, allocatedBytesPerRecord,
            p50Ms, p99Ms, p999Ms, joinMs, firstRecordMs, longestStallMs);
    }
}
