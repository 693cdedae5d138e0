package io.strand.broker.internals.group;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's clock and timers, behind one interface so that tests can drive time by hand.
 * Tasks may run on any thread; the coordinator takes its own locks inside them.
 */
public interface GroupScheduler {

    /** Wall-clock milliseconds: commit timestamps and every timeout are measured with it. */
    long nowMs();

    /** Runs {@code task} once, {@code delayMs} from now (at once when not positive). */
    Cancellable schedule(Runnable task, long delayMs);

    /** A scheduled task that can still be called off; cancelling a task that ran or was cancelled does nothing. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /** Timers on the given executor and {@link System#currentTimeMillis()}; the caller owns the executor. */
    static GroupScheduler of(ScheduledExecutorService executor) {
        return new GroupScheduler() {
            @Override
            public long nowMs() {
                return System.currentTimeMillis();
            }

            @Override
            public Cancellable schedule(Runnable task, long delayMs) {
                ScheduledFuture<?> f = executor.schedule(task, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
                return () -> f.cancel(false);
            }
        };
    }
}
