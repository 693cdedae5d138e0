package io.strand.broker;

import io.strand.broker.internals.Broker;
import io.strand.broker.internals.faults.FaultInjector;
import io.strand.broker.internals.faults.FaultInjector.Kind;
import io.strand.broker.internals.faults.FaultInjector.Rule;
import io.strand.common.TopicPartition;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults to inject into a running {@link StubBroker}, for testing how clients cope. Each fault
 * fires for the next requests of one API that arrive (on any node, or on the node chosen with
 * {@link #onNode}), then disarms itself.
 *
 * <pre>
 *   broker.faults().failNext(ApiKeys.PRODUCE, 2, Errors.NOT_LEADER_OR_FOLLOWER);
 *   broker.faults().disconnectAfterNext(ApiKeys.PRODUCE); // handled, but the response is lost
 * </pre>
 */
public final class Faults {

    private final Broker broker;
    private final FaultInjector injector;
    private final int node;

    Faults(Broker broker) {
        this(broker, -1);
    }

    private Faults(Broker broker, int node) {
        this.broker = broker;
        this.injector = broker.faults();
        this.node = node;
    }

    /** The same faults, limited to requests that reach one node. */
    public Faults onNode(int nodeId) {
        broker.server(nodeId);
        return new Faults(broker, nodeId);
    }

    /** Answers the next {@code count} requests of {@code api} with {@code error} (every partition of each). */
    public Faults failNext(ApiKeys api, int count, Errors error) {
        return arm(Kind.ERROR, api, null, count, error, 0);
    }

    /**
     * Answers {@code tp} with {@code error} in the next {@code count} requests of {@code api} that
     * name it; the other partitions of those requests are served. A failed Produce partition is not written.
     */
    public Faults failNext(ApiKeys api, TopicPartition tp, int count, Errors error) {
        return arm(Kind.ERROR, api, Objects.requireNonNull(tp, "tp"), count, error, 0);
    }

    /** Holds back the responses to the next {@code count} requests of {@code api} for {@code delay}. */
    public Faults delayNext(ApiKeys api, int count, Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("delay must be positive, got " + delay);
        }
        return arm(Kind.DELAY, api, null, count, null, delay.toMillis());
    }

    /** Closes the connection that sends the next request of {@code api}, without handling it. */
    public Faults disconnectOnNext(ApiKeys api) {
        return arm(Kind.DISCONNECT_BEFORE, api, null, 1, null, 0);
    }

    /**
     * Handles the next request of {@code api} (a Produce is written) and then closes its
     * connection instead of answering: the client cannot know whether the request took effect.
     */
    public Faults disconnectAfterNext(ApiKeys api) {
        return arm(Kind.DISCONNECT_AFTER, api, null, 1, null, 0);
    }

    /** Closes every open client connection now (of one node after {@link #onNode}); new ones are accepted. */
    public void disconnectAll() {
        broker.servers().forEach(s -> {
            if (node == -1 || s.nodeId() == node) {
                s.disconnectClients();
            }
        });
    }

    /** How many armed request faults have not fired yet. */
    public int pending() {
        return injector.pending();
    }

    /** Disarms every fault. */
    public void clear() {
        injector.clear();
    }

    private Faults arm(Kind kind, ApiKeys api, TopicPartition tp, int count, Errors error, long delayMs) {
        Objects.requireNonNull(api, "api");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (kind == Kind.ERROR && (error == null || error == Errors.NONE)) {
            throw new IllegalArgumentException("An injected error needs an error code other than NONE");
        }
        injector.arm(new Rule(kind, api, node, tp, error, delayMs, new AtomicInteger(count)));
        return this;
    }
}
