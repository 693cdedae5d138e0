package io.strand.interceptors.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogHistogramTest {

    @Test
    void bucketsTileTheWholeRangeWithoutGapsOrOverlap() {
        for (int i = 0; i < LogHistogram.BUCKETS - 1; i++) {
            long top = LogHistogram.highestInBucket(i);
            assertEquals(i, LogHistogram.index(top), "top of bucket " + i);
            assertEquals(i + 1, LogHistogram.index(top + 1), "value after bucket " + i);
        }
        assertEquals(Long.MAX_VALUE, LogHistogram.highestInBucket(LogHistogram.BUCKETS - 1));
        assertEquals(LogHistogram.BUCKETS - 1, LogHistogram.index(Long.MAX_VALUE));
        assertEquals(0, LogHistogram.index(0));
    }

    @Test
    void bucketWidthStaysUnderOneSixtyFourthOfItsValues() {
        for (int i = 128; i < LogHistogram.BUCKETS; i++) {
            long low = LogHistogram.highestInBucket(i - 1) + 1;
            long high = LogHistogram.highestInBucket(i);
            assertTrue(high - low < low / 64, "bucket " + i + " [" + low + ", " + high + "]");
        }
    }

    @Test
    void smallValuesAreExact() {
        LogHistogram h = new LogHistogram();
        for (int v = 0; v < 100; v++) {
            h.record(v);
        }
        assertEquals(100, h.count());
        assertEquals(49, h.valueAtPercentile(50));
        assertEquals(89, h.valueAtPercentile(90));
        assertEquals(98, h.valueAtPercentile(99));
        assertEquals(99, h.valueAtPercentile(100));
        assertEquals(0, h.valueAtPercentile(0));
        assertEquals(99, h.max());
        assertEquals(0, h.min());
    }

    /** Against exact percentiles of sorted data spread over nine orders of magnitude. */
    @Test
    void percentilesAreWithinOneSixtyFourthOfExact() {
        Random random = new Random(11);
        long[] values = new long[50_000];
        LogHistogram h = new LogHistogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.pow(10, random.nextDouble() * 9);
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[]{1, 10, 25, 50, 75, 90, 99, 99.9, 100}) {
            long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
            long reported = h.valueAtPercentile(p);
            assertTrue(reported >= exact && reported - exact <= exact / 64, "p" + p + ": exact " + exact
                + ", reported " + reported);
        }
        assertEquals(values[values.length - 1], h.max());
        assertEquals(values[values.length - 1], h.valueAtPercentile(100));
    }

    @Test
    void emptyAndBadInput() {
        LogHistogram h = new LogHistogram();
        assertEquals(-1, h.valueAtPercentile(50));
        assertEquals(-1, h.max());
        assertEquals(-1, h.min());
        assertThrows(IllegalArgumentException.class, () -> h.record(-1));
        assertThrows(IllegalArgumentException.class, () -> h.valueAtPercentile(100.5));
        assertThrows(IllegalArgumentException.class, () -> h.valueAtPercentile(Double.NaN));
        h.record(Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, h.valueAtPercentile(50));
    }

    @Test
    void concurrentRecordingLosesNothing() throws Exception {
        LogHistogram h = new LogHistogram();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] futures = new Future<?>[4];
            for (int t = 0; t < 4; t++) {
                int offset = t;
                futures[t] = pool.submit(() -> {
                    for (int i = 0; i < 25_000; i++) {
                        h.record(i % 1000 + offset);
                    }
                });
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(100_000, h.count());
        assertEquals(1002, h.max());
        assertEquals(0, h.min());
    }
}
