package io.strand.common.metrics.stats;

/** The smallest value recorded in the sample windows; NaN when none were. */
public class Min extends Extremum {

    public Min() {
        super(Double.POSITIVE_INFINITY);
    }

    @Override
    double pick(double a, double b) {
        return Math.min(a, b);
    }
}
