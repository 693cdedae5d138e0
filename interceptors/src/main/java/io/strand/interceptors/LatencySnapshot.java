package io.strand.interceptors;

/**
 * End-to-end latency figures at one moment, in milliseconds. Percentiles are bucket bounds of a
 * log-bucketed histogram: at most 1.6% above the exact value, exact below 128 ms.
 *
 * @param count records measured
 * @param p50 median, or -1 when {@code count} is 0 (as for the other figures)
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param max largest latency seen, exact
 * @param withoutTime records that carried no usable send time and were not measured
 * @param clockSkewed records stamped after they were consumed (producer clock ahead of the
 *     consumer's), measured as 0 ms
 */
public record LatencySnapshot(long count, long p50, long p90, long p99, long max, long withoutTime,
                              long clockSkewed) {

    @Override
    public String toString() {
        if (count == 0) {
            return "no latency measured (" + withoutTime + " records without a send time)";
        }
        return "latency over " + count + " records: p50=" + p50 + " ms, p90=" + p90 + " ms, p99=" + p99
            + " ms, max=" + max + " ms (" + withoutTime + " without a send time, " + clockSkewed
            + " with the producer's clock ahead)";
    }
}
