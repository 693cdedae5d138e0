package io.strand.broker.internals.group;

import java.util.PriorityQueue;

/** A clock that moves only when a test says so; due timers run on the test's thread, in deadline order. */
final class ManualScheduler implements GroupScheduler {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now = 1_700_000_000_000L;
    private long seq;

    private final class Task implements Comparable<Task>, Cancellable {
        final long due;
        final long order = seq++;
        final Runnable action;
        boolean cancelled;

        Task(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) {
                cancelled = true;
                queue.remove(this);
            }
        }
    }

    @Override
    public synchronized long nowMs() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayMs) {
        Task t = new Task(now + Math.max(0, delayMs), task);
        queue.add(t);
        return t;
    }

    /** Moves the clock forward, running every timer that falls due on the way (and any they schedule). */
    void advance(long ms) {
        long target;
        synchronized (this) {
            target = now + ms;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                queue.poll();
                now = Math.max(now, next.due);
            }
            next.action.run();
        }
    }
}
