package io.strand.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfOddEvenAndFailedRuns() {
        assertEquals(2.0, Stats.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertEquals(2.0, Stats.median(List.of(Double.NaN, 2.0)));
        assertTrue(Double.isNaN(Stats.median(List.of())));
    }

    @Test
    void percentileOfTheFirstValues() {
        long[] v = {50, 10, 40, 20, 30, 999};
        assertEquals(30, Stats.percentile(v, 5, 0.5));
        assertEquals(50, Stats.percentile(v, 5, 0.99));
        assertEquals(0, Stats.percentile(new long[0], 0, 0.5));
    }

    @Test
    void ratiosAndRates() {
        assertEquals("1.50×", SideBySide.ratio(3, 2));
        assertEquals("—", SideBySide.ratio(Double.NaN, 2));
        assertEquals("—", SideBySide.ratio(1, 0));
        assertEquals("512k", SideBySide.rate(512_345));
        assertEquals("1.25M", SideBySide.rate(1_250_000));
    }
}
