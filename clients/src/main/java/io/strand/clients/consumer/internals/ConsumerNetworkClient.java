package io.strand.clients.consumer.internals;

import io.strand.clients.internals.network.ClientResponse;
import io.strand.clients.internals.network.NetworkClient;
import io.strand.clients.internals.network.RequestBuilder;
import io.strand.common.Node;
import io.strand.common.errors.InterruptException;
import io.strand.common.errors.WakeupException;
import io.strand.common.protocol.ApiKeys;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The consumer's side of the network client. Responses complete on the network thread, but the
 * consumer handles every one of them on the application thread: completing a request only bumps
 * an event counter here, and the application thread, between rounds of work, waits for the
 * counter to move (or its deadline, or a {@link #wakeup()}). So all consumer state has one owner
 * and no locks, and a blocking call never waits longer than its deadline.
 */
public final class ConsumerNetworkClient {

    private final NetworkClient client;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long events;
    private final AtomicBoolean wakeupRequested = new AtomicBoolean();

    public ConsumerNetworkClient(NetworkClient client) {
        this.client = client;
    }

    public NetworkClient client() {
        return client;
    }

    /** Sends a request; its completion is an event the application thread wakes up for. */
    public CompletableFuture<ClientResponse> send(Node node, ApiKeys api, RequestBuilder builder, long timeoutMs) {
        CompletableFuture<ClientResponse> f = client.send(node, api, builder, timeoutMs);
        f.whenComplete((r, e) -> signal());
        return f;
    }

    public CompletableFuture<ClientResponse> send(Node node, ApiKeys api, RequestBuilder builder) {
        return send(node, api, builder, client.config().requestTimeoutMs());
    }

    /** Makes any future's completion an event. */
    public <T> CompletableFuture<T> watch(CompletableFuture<T> f) {
        f.whenComplete((r, e) -> signal());
        return f;
    }

    /** Wakes the application thread to look at its state again (a request finished, the heartbeat thread saw something). */
    public void signal() {
        lock.lock();
        try {
            events++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The event count, to pass to {@link #awaitEvent} after a round of work. */
    public long events() {
        lock.lock();
        try {
            return events;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until an event after {@code seen}, a wakeup, or {@code timeoutMs} passes.
     *
     * @throws InterruptException if the thread is interrupted
     */
    public void awaitEvent(long seen, long timeoutMs) {
        if (timeoutMs <= 0) {
            return;
        }
        long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            while (events == seen && !wakeupRequested.get() && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        } finally {
            lock.unlock();
        }
    }

    /** From any thread: the next (or current) blocking call of the consumer throws {@link WakeupException}. */
    public void wakeup() {
        wakeupRequested.set(true);
        signal();
    }

    /** @throws WakeupException if {@link #wakeup()} was called since the last check (and clears it) */
    public void maybeTriggerWakeup() {
        if (wakeupRequested.get() && wakeupRequested.compareAndSet(true, false)) {
            throw new WakeupException();
        }
    }

    /** @throws InterruptException if the thread was interrupted, as Apache's consumer does in its blocking calls */
    public static void maybeThrowInterrupt() {
        if (Thread.interrupted()) {
            throw new InterruptException(new InterruptedException());
        }
    }

    /**
     * Runs a blocking call: sends, waits for the answer or a wakeup, and on a retriable outcome
     * sends again after {@code retryBackoffMs}, until the deadline.
     *
     * @throws io.strand.common.errors.WakeupException if woken up meanwhile
     * @throws RuntimeException what {@link BlockingCall#handle} fails with, or {@link BlockingCall#timeout}
     */
    public <T> T call(BlockingCall<T> call, long deadlineMs, long retryBackoffMs) {
        CompletableFuture<ClientResponse> pending = null;
        long retryAtMs = 0;
        RuntimeException last = null;
        while (true) {
            maybeTriggerWakeup();
            long seen = events();
            long now = System.currentTimeMillis();
            call.check();
            if (pending != null && pending.isDone()) {
                BlockingCall.Attempt<T> attempt = call.handle(pending);
                pending = null;
                if (attempt.error != null) {
                    throw attempt.error;
                }
                if (!attempt.retry) {
                    return attempt.value;
                }
                if (attempt.why != null) {
                    last = attempt.why;
                }
                retryAtMs = now + retryBackoffMs;
            }
            if (now >= deadlineMs) {
                throw call.timeout(last);
            }
            if (pending == null && now >= retryAtMs) {
                pending = call.send();
                if (pending == null) {
                    // Not sendable yet: look again when that may have changed (an event may say so sooner).
                    retryAtMs = Math.min(now + retryBackoffMs, Math.max(call.sendableAtMs(), now + 1));
                }
            }
            awaitEvent(seen, pending == null ? Math.min(deadlineMs, retryAtMs) - now : deadlineMs - now);
        }
    }

    public void disconnect(Node node) {
        client.disconnect(node);
    }

    public boolean isUnreachable(Node node) {
        return client.connectionDelayMs(node) > 0;
    }
}
