package io.strand.common.metrics.stats;

/** The largest value recorded in the sample windows; NaN when none were. */
public class Max extends Extremum {

    public Max() {
        super(Double.NEGATIVE_INFINITY);
    }

    @Override
    double pick(double a, double b) {
        return Math.max(a, b);
    }
}
