package io.strand.clients.testkit;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Small helpers for tests that wait on other threads. */
public final class TestUtils {

    private TestUtils() {
    }

    /** Polls {@code condition} every 5 ms; fails after 15 s (generous: test machines are slow and noisy). */
    public static void waitUntil(BooleanSupplier condition) {
        waitUntil(condition, 15_000, "condition");
    }

    public static void waitUntil(BooleanSupplier condition, long timeoutMs, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not met within " + timeoutMs + " ms");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
