package io.strand.broker.internals.faults;

import io.strand.common.TopicPartition;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults armed from test code and consumed by requests as they arrive. Each rule matches an API,
 * optionally one node and one partition, and fires for a number of requests. With no rule armed
 * the check is one read of an empty list.
 */
public final class FaultInjector {

    public enum Kind { ERROR, DELAY, DISCONNECT_BEFORE, DISCONNECT_AFTER }

    /** One armed fault; {@code node} -1 matches every node, a null {@code partition} every request. */
    public record Rule(Kind kind, ApiKeys api, int node, TopicPartition partition, Errors error, long delayMs,
                       AtomicInteger remaining) {

        boolean matches(Kind k, int n, ApiKeys a) {
            return kind == k && api == a && (node == -1 || node == n) && remaining.get() > 0;
        }

        boolean take() {
            return remaining.getAndUpdate(r -> r > 0 ? r - 1 : 0) > 0;
        }
    }

    /** What the faults decide for one whole request. */
    public record Decision(Errors error, long delayMs, boolean disconnectBefore, boolean disconnectAfter) {
        public static final Decision NONE = new Decision(null, 0, false, false);
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    public void arm(Rule rule) {
        rules.add(rule);
    }

    public void clear() {
        rules.clear();
    }

    /** How many armed faults have not fired yet (counting each remaining request). */
    public int pending() {
        int n = 0;
        for (Rule r : rules) {
            n += r.remaining().get();
        }
        return n;
    }

    /** Consumes the request-wide rules matching this request. */
    public Decision onRequest(int node, ApiKeys api) {
        if (rules.isEmpty()) {
            return Decision.NONE;
        }
        Errors error = null;
        long delay = 0;
        boolean before = false;
        boolean after = false;
        for (Rule r : rules) {
            if (r.partition() != null) {
                continue;
            }
            if (error == null && r.matches(Kind.ERROR, node, api) && r.take()) {
                error = r.error();
            } else if (delay == 0 && r.matches(Kind.DELAY, node, api) && r.take()) {
                delay = r.delayMs();
            } else if (!before && r.matches(Kind.DISCONNECT_BEFORE, node, api) && r.take()) {
                before = true;
            } else if (!after && r.matches(Kind.DISCONNECT_AFTER, node, api) && r.take()) {
                after = true;
            }
        }
        prune();
        return error == null && delay == 0 && !before && !after ? Decision.NONE
            : new Decision(error, delay, before, after);
    }

    /** Consumes a partition rule for this partition of this request: the error to answer it with, or null. */
    public Errors onPartition(int node, ApiKeys api, TopicPartition tp) {
        if (rules.isEmpty()) {
            return null;
        }
        for (Rule r : rules) {
            if (tp.equals(r.partition()) && r.matches(Kind.ERROR, node, api) && r.take()) {
                prune();
                return r.error();
            }
        }
        return null;
    }

    private void prune() {
        rules.removeIf(r -> r.remaining().get() <= 0);
    }
}
