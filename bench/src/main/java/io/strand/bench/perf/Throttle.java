package io.strand.bench.perf;

import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a loop at about {@code perSecond} operations a second from its start, by sleeping
 * whenever it is ahead of schedule. A negative rate means no limit; zero means none at all
 * (the loop waits forever, as kafka-producer-perf-test does with --throughput 0).
 */
final class Throttle {

    private final double perSecond;
    private final long start = System.nanoTime();

    Throttle(double perSecond) {
        this.perSecond = perSecond;
    }

    /** Called after {@code done} operations; returns once the schedule allows the next. */
    void pace(long done) {
        if (perSecond < 0) {
            return;
        }
        if (perSecond == 0) {
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.park(this);
            }
            return;
        }
        long due = start + (long) (done / perSecond * 1e9);
        long now;
        while ((now = System.nanoTime()) < due) {
            LockSupport.parkNanos(due - now);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
