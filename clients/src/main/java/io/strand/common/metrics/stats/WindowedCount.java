package io.strand.common.metrics.stats;

/** The number of values recorded in the sample windows, whatever the values. */
public class WindowedCount extends WindowedSum {

    @Override
    protected void update(Sample sample, double value) {
        sample.value += 1.0;
    }
}
