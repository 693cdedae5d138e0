package io.strand.clients.consumer.internals;

import io.strand.clients.consumer.internals.GroupState.MemberState;
import io.strand.clients.internals.network.ClientResponse;
import io.strand.common.Node;
import io.strand.common.errors.FencedInstanceIdException;
import io.strand.common.message.Heartbeat;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the member alive while the application processes records: sends a Heartbeat every
 * heartbeat.interval.ms while the member is in a generation, looks the coordinator up again when
 * it is lost, and enforces max.poll.interval.ms: when the application has not called poll for
 * that long, the member leaves the group so that its partitions go to members that make
 * progress. It never calls user code; what it learns, it leaves in {@link GroupState} for the
 * application thread.
 */
final class HeartbeatThread extends Thread {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatThread.class);

    private final GroupState group;
    private final ConsumerNetworkClient network;
    private final long heartbeatIntervalMs;
    private final long sessionTimeoutMs;
    private final long maxPollIntervalMs;
    private final long requestTimeoutMs;
    private final long retryBackoffMs;

    private CompletableFuture<ClientResponse> inFlight;
    private volatile long nextHeartbeatMs;

    HeartbeatThread(String clientId, GroupState group, ConsumerNetworkClient network, long heartbeatIntervalMs,
                    long sessionTimeoutMs, long maxPollIntervalMs, long requestTimeoutMs, long retryBackoffMs) {
        super("strand-coordinator-heartbeat-thread | " + clientId);
        setDaemon(true);
        this.group = group;
        this.network = network;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.maxPollIntervalMs = maxPollIntervalMs;
        this.requestTimeoutMs = requestTimeoutMs;
        this.retryBackoffMs = retryBackoffMs;
    }

    @Override
    public void run() {
        try {
            while (true) {
                long waitMs = tick();
                if (waitMs < 0) {
                    return;
                }
                synchronized (group) {
                    if (group.isClosed()) {
                        return;
                    }
                    group.wait(Math.max(1, waitMs));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Heartbeat thread failed", e);
            group.fail(new io.strand.common.KafkaException("The heartbeat thread failed: " + e, e));
        }
    }

    /** One round; returns how long to sleep, or -1 to stop. */
    private long tick() {
        if (group.isClosed()) {
            return -1;
        }
        MemberState state = group.state();
        if (state != MemberState.STABLE && state != MemberState.COMPLETING_REBALANCE) {
            nextHeartbeatMs = 0;
            return heartbeatIntervalMs;
        }
        long now = System.currentTimeMillis();
        if (now - group.lastPollMs() > maxPollIntervalMs) {
            String reason = "consumer poll timeout has expired. This means the time between subsequent calls to poll() "
                + "was longer than the configured max.poll.interval.ms (" + maxPollIntervalMs + " ms), which typically "
                + "implies that the poll loop is spending too much time processing messages. You can address this "
                + "either by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in "
                + "poll() with max.poll.records.";
            log.warn("[Consumer groupId={}] {}", group.groupId, reason);
            group.maybeLeaveGroup(reason);
            group.resetGeneration("the member was removed from the group: " + reason, !group.isStatic());
            return heartbeatIntervalMs;
        }
        Node coordinator = group.coordinator();
        if (coordinator == null) {
            group.lookupCoordinator();
            return retryBackoffMs;
        }
        if (now - group.lastHeartbeatResponseMs() > sessionTimeoutMs) {
            group.markCoordinatorUnknown("no heartbeat response within session.timeout.ms (" + sessionTimeoutMs + " ms)");
            return retryBackoffMs;
        }
        if (inFlight != null && !inFlight.isDone()) {
            return heartbeatIntervalMs;
        }
        if (now < nextHeartbeatMs) {
            return nextHeartbeatMs - now;
        }
        send(coordinator, group.generation());
        nextHeartbeatMs = now + heartbeatIntervalMs;
        return heartbeatIntervalMs;
    }

    private void send(Node coordinator, Generation generation) {
        inFlight = network.send(coordinator, ApiKeys.HEARTBEAT, version -> Heartbeat.DEFINITION.newRequest()
            .set(Heartbeat.Request.GROUP_ID, group.groupId)
            .set(Heartbeat.Request.GENERATION_ID, generation.generationId)
            .set(Heartbeat.Request.MEMBER_ID, generation.memberId)
            .set(Heartbeat.Request.GROUP_INSTANCE_ID, group.groupInstanceId.orElse(null)), requestTimeoutMs);
        inFlight.whenComplete((response, failure) -> onResponse(generation, response, failure));
    }

    private void onResponse(Generation sent, ClientResponse response, Throwable failure) {
        long now = System.currentTimeMillis();
        if (failure != null) {
            group.markCoordinatorUnknown("heartbeat failed: " + failure);
            return;
        }
        group.recordHeartbeatResponse(now);
        Errors error = Errors.forCode(response.body().getShort(Heartbeat.Response.ERROR_CODE));
        if (!sent.equals(group.generation())) {
            return; // the member moved on while this heartbeat was out
        }
        switch (error) {
            case NONE:
                return;
            case REBALANCE_IN_PROGRESS:
                if (group.state() == MemberState.STABLE) {
                    group.requestRejoin("group is already rebalancing");
                }
                return;
            case ILLEGAL_GENERATION:
                group.resetGeneration("the group coordinator says generation " + sent.generationId
                    + " is no longer current (ILLEGAL_GENERATION)", false);
                return;
            case UNKNOWN_MEMBER_ID:
                group.resetGeneration("the group coordinator no longer knows member " + sent.memberId
                    + " (UNKNOWN_MEMBER_ID), typically after its session timed out", true);
                return;
            case FENCED_INSTANCE_ID:
                group.resetGeneration("another member with group.instance.id " + group.groupInstanceId.orElse("")
                    + " fenced this one", true);
                group.fail(new FencedInstanceIdException("Another consumer with the same group.instance.id "
                    + group.groupInstanceId.orElse("") + " joined group " + group.groupId + " and fenced this one"));
                return;
            case COORDINATOR_NOT_AVAILABLE:
            case NOT_COORDINATOR:
                group.markCoordinatorUnknown("heartbeat answered " + error);
                return;
            case COORDINATOR_LOAD_IN_PROGRESS:
                return;
            default:
                log.warn("Unexpected heartbeat error {} for group {}", error, group.groupId);
        }
    }

    /** Wakes the thread to stop; it ends without sending more. */
    void shutdown() {
        group.close();
    }

    /** Wakes the thread now, e.g. right after the member joined. */
    void wakeupNow() {
        synchronized (group) {
            nextHeartbeatMs = 0;
            group.notifyAll();
        }
    }
}
