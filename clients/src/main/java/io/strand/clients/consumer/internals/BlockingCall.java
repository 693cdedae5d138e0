package io.strand.clients.consumer.internals;

import io.strand.clients.internals.network.ClientResponse;
import java.util.concurrent.CompletableFuture;

/**
 * A request that a blocking consumer method (commitSync, committed, partitionsFor, ...) sends
 * and, on a retriable outcome, sends again until it has an answer or its deadline passes. See
 * {@link ConsumerNetworkClient#call}.
 *
 * @param <T> the answer
 */
public interface BlockingCall<T> {

    /** The outcome of one try. */
    final class Attempt<T> {
        final T value;
        final boolean retry;
        /** Why to retry (may be null), for the timeout message. */
        final RuntimeException why;
        /** What to throw. */
        final RuntimeException error;

        private Attempt(T value, boolean retry, RuntimeException why, RuntimeException error) {
            this.value = value;
            this.retry = retry;
            this.why = why;
            this.error = error;
        }

        public static <T> Attempt<T> done(T value) {
            return new Attempt<>(value, false, null, null);
        }

        /** Try again after the backoff; {@code why} (may be null) goes into the timeout message. */
        public static <T> Attempt<T> retry(RuntimeException why) {
            return new Attempt<>(null, true, why, null);
        }

        public static <T> Attempt<T> fail(RuntimeException error) {
            return new Attempt<>(null, false, null, error);
        }
    }

    /**
     * Sends the request; null if it cannot be sent yet (no coordinator, no reachable broker), in
     * which case this arranges for that to change, such as starting a coordinator lookup.
     */
    CompletableFuture<ClientResponse> send();

    /** Reads the response (or the failure) of a finished send. */
    Attempt<T> handle(CompletableFuture<ClientResponse> finished);

    /** The exception to throw when the deadline passes; {@code last} is the last retriable error or null. */
    RuntimeException timeout(RuntimeException last);

    /** When a send that returned null is worth trying again; by default after the retry backoff. */
    default long sendableAtMs() {
        return 0;
    }

    /** Runs every round before anything else, e.g. to raise a fatal error another thread saw. */
    default void check() {
    }
}
