package io.strand.interceptors.internals;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts non-negative longs in logarithmic buckets, as HdrHistogram does, small enough to keep
 * one per interceptor: values below 128 are counted exactly; above, each power of two is split
 * into 64 equal buckets, so a reported percentile overstates the true value by less than 1/64
 * (1.6%). 3,712 counters cover the whole range of long. Recording is lock-free and allocates
 * nothing; reads see a consistent-enough view while writers carry on.
 */
public final class LogHistogram {

    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    /** A non-negative long's highest set bit is at most 62, so shift is at most 56. */
    static final int BUCKETS = (Long.SIZE - 1 - SUB_BITS) * SUB + SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong max = new AtomicLong(-1);
    private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);

    /** @throws IllegalArgumentException for a negative value */
    public void record(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("Cannot record a negative value: " + value);
        }
        counts.incrementAndGet(index(value));
        max.accumulateAndGet(value, Math::max);
        min.accumulateAndGet(value, Math::min);
    }

    /**
     * A value's bucket: the value itself below 2 * SUB; above, with {@code shift} the number of
     * low bits the bucket ignores, the top SUB_BITS + 1 bits (in [SUB, 2 * SUB)) offset by
     * SUB per octave.
     */
    static int index(long value) {
        if (value < 2 * SUB) {
            return (int) value;
        }
        int shift = (Long.SIZE - 1 - Long.numberOfLeadingZeros(value)) - SUB_BITS;
        return SUB * shift + (int) (value >>> shift);
    }

    /** The largest value that falls in bucket {@code index}. */
    static long highestInBucket(int index) {
        if (index < 2 * SUB) {
            return index;
        }
        int shift = (index >>> SUB_BITS) - 1;
        long top = index - (long) SUB * shift;
        // In the last bucket (top + 1) << shift is 2^63, which wraps to Long.MIN_VALUE; minus one is Long.MAX_VALUE.
        return ((top + 1) << shift) - 1;
    }

    public long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The largest recorded value, or -1 when nothing was recorded. */
    public long max() {
        return max.get();
    }

    /** The smallest recorded value, or -1 when nothing was recorded. */
    public long min() {
        long m = min.get();
        return m == Long.MAX_VALUE ? -1 : m;
    }

    /**
     * The smallest bucket bound at or below which {@code percentile} percent of the values lie,
     * clamped to the recorded min and max; -1 when nothing was recorded.
     *
     * @param percentile in [0, 100]
     */
    public long valueAtPercentile(double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("Percentile must be in [0, 100], was " + percentile);
        }
        long[] snapshot = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts.get(i);
            total += snapshot[i];
        }
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return Math.max(min(), Math.min(highestInBucket(i), max()));
            }
        }
        return max();
    }
}
