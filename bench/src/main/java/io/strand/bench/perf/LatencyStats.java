package io.strand.bench.perf;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * kafka-producer-perf-test's statistics: counts, bytes and latencies (ms) of acknowledged
 * records, a window line every reporting interval, and a total line with percentiles taken
 * from at most 500,000 evenly sampled latencies. Called from the producer's I/O thread.
 */
final class LatencyStats {

    private static final int MAX_SAMPLES = 500_000;

    private final long start = System.currentTimeMillis();
    private final boolean steadyState;
    private final long reportingIntervalMs;
    private final PrintStream out;
    private final long sampling;
    private final int[] samples;
    private int sampled;
    private long iteration;
    private long count;
    private long bytes;
    private long totalLatency;
    private int maxLatency;
    private long windowStart = start;
    private long windowCount;
    private long windowBytes;
    private long windowTotalLatency;
    private int windowMaxLatency;
    private boolean windowsSuppressed;

    LatencyStats(long expectedRecords, boolean steadyState, long reportingIntervalMs, PrintStream out) {
        this.steadyState = steadyState;
        this.reportingIntervalMs = reportingIntervalMs;
        this.out = out;
        this.sampling = Math.max(1, expectedRecords / Math.min(expectedRecords, MAX_SAMPLES));
        this.samples = new int[(int) (expectedRecords / sampling) + 1];
    }

    synchronized void record(int latencyMs, int recordBytes, long nowMs) {
        count++;
        bytes += recordBytes;
        totalLatency += latencyMs;
        maxLatency = Math.max(maxLatency, latencyMs);
        windowCount++;
        windowBytes += recordBytes;
        windowTotalLatency += latencyMs;
        windowMaxLatency = Math.max(windowMaxLatency, latencyMs);
        if (iteration % sampling == 0 && sampled < samples.length) {
            samples[sampled++] = latencyMs;
        }
        iteration++;
        if (nowMs - windowStart >= reportingIntervalMs) {
            if (steadyState && count == windowCount) {
                out.println("In steady state.");
            }
            if (!windowsSuppressed) {
                printWindow(nowMs);
            }
            windowStart = nowMs;
            windowCount = 0;
            windowBytes = 0;
            windowTotalLatency = 0;
            windowMaxLatency = 0;
        }
    }

    /** Once the steady-state statistics take over, only they print windows. */
    synchronized void suppressWindows() {
        windowsSuppressed = true;
    }

    synchronized long count() {
        return count;
    }

    private void printWindow(long nowMs) {
        long elapsed = Math.max(1, nowMs - windowStart);
        out.printf(Locale.ROOT, "%d records sent, %.1f records/sec (%.2f MB/sec), %.1f ms avg latency, %.1f ms max latency.%n",
            windowCount, 1000.0 * windowCount / elapsed, 1000.0 * windowBytes / elapsed / (1024.0 * 1024.0),
            windowCount == 0 ? 0.0 : windowTotalLatency / (double) windowCount, (double) windowMaxLatency);
    }

    synchronized void printTotal() {
        long elapsed = Math.max(1, System.currentTimeMillis() - start);
        int[] sorted = Arrays.copyOf(samples, sampled);
        Arrays.sort(sorted);
        out.printf(Locale.ROOT, "%d%s records sent, %f records/sec (%.2f MB/sec), %.2f ms avg latency, %.2f ms max latency, "
                + "%d ms 50th, %d ms 95th, %d ms 99th, %d ms 99.9th.%n",
            count, steadyState ? " steady state" : "", 1000.0 * count / elapsed,
            1000.0 * bytes / elapsed / (1024.0 * 1024.0), count == 0 ? 0.0 : totalLatency / (double) count,
            (double) maxLatency, at(sorted, 0.5), at(sorted, 0.95), at(sorted, 0.99), at(sorted, 0.999));
    }

    private static int at(int[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, q * sorted.length)];
    }
}
