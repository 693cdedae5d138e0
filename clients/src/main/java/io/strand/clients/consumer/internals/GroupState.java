package io.strand.clients.consumer.internals;

import io.strand.clients.internals.metadata.Metadata;
import io.strand.clients.internals.network.ClientResponse;
import io.strand.clients.internals.network.NetworkClient;
import io.strand.clients.internals.network.RequestBuilder;
import io.strand.common.KafkaException;
import io.strand.common.Node;
import io.strand.common.errors.GroupAuthorizationException;
import io.strand.common.message.FindCoordinator;
import io.strand.common.message.LeaveGroup;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the application thread and the heartbeat thread share about the group: the coordinator,
 * the member's state and generation, and the news the heartbeat thread brings (rejoin needed,
 * partitions lost, a fatal error). Every field is guarded by this object's monitor; nothing
 * here calls user code. Coordinator lookup (FindCoordinator) can start from either thread and
 * completes on the network thread.
 */
public final class GroupState {

    private static final Logger log = LoggerFactory.getLogger(GroupState.class);

    public enum MemberState {
        /** Not in the group (never joined, left, or dropped). */
        UNJOINED,
        /** JoinGroup sent, waiting for the group to form. */
        PREPARING_REBALANCE,
        /** JoinGroup answered, SyncGroup pending: heartbeats keep the member alive. */
        COMPLETING_REBALANCE,
        STABLE
    }

    final String groupId;
    final Optional<String> groupInstanceId;
    private final Metadata metadata;
    private final ConsumerNetworkClient network;
    private final long retryBackoffMs;
    private final long requestTimeoutMs;

    private Node coordinator;
    private CompletableFuture<ClientResponse> findCoordinator;
    private long findRetryAtMs;
    private MemberState state = MemberState.UNJOINED;
    private Generation generation = Generation.NO_GENERATION;
    private boolean rejoinNeeded = true;
    private String rejoinReason = "initial join";
    /** Why the member lost its partitions, until the application thread runs onPartitionsLost; null otherwise. */
    private String lostReason;
    /** Why the group last dropped this member, for the CommitFailedException that follows. */
    private String removalReason;
    private KafkaException fatalError;
    private long lastPollMs = System.currentTimeMillis();
    private long lastHeartbeatResponseMs;
    private boolean closed;

    public GroupState(String groupId, Optional<String> groupInstanceId, Metadata metadata, ConsumerNetworkClient network,
                      long retryBackoffMs, long requestTimeoutMs) {
        this.groupId = groupId;
        this.groupInstanceId = groupInstanceId;
        this.metadata = metadata;
        this.network = network;
        this.retryBackoffMs = retryBackoffMs;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    // ---- the coordinator ----------------------------------------------------------------------

    public synchronized Node coordinator() {
        return coordinator;
    }

    public synchronized boolean coordinatorUnknown() {
        return coordinator == null;
    }

    /** Starts a FindCoordinator unless one is in flight or backing off. */
    public synchronized void lookupCoordinator() {
        if (coordinator != null || closed || (findCoordinator != null && !findCoordinator.isDone())) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now < findRetryAtMs) {
            return;
        }
        Node node = network.client().leastLoadedNode(metadata.fetch());
        if (node == null) {
            findRetryAtMs = now + retryBackoffMs;
            return;
        }
        CompletableFuture<ClientResponse> f = network.send(node, ApiKeys.FIND_COORDINATOR, version -> {
            Struct req = FindCoordinator.DEFINITION.newRequest();
            if (version >= 4) {
                req.set(FindCoordinator.Request.COORDINATOR_KEYS, List.of(groupId));
            } else {
                req.set(FindCoordinator.Request.KEY, groupId);
            }
            if (version >= 1) {
                req.setByte(FindCoordinator.Request.KEY_TYPE, 0);
            }
            return req;
        }, requestTimeoutMs);
        findCoordinator = f;
        f.whenComplete(this::onFindCoordinator);
    }

    /** When the next lookup may be tried, for the application thread's wait. */
    public synchronized long findCoordinatorRetryAtMs() {
        return findRetryAtMs;
    }

    private synchronized void onFindCoordinator(ClientResponse response, Throwable failure) {
        long now = System.currentTimeMillis();
        if (failure != null) {
            log.debug("FindCoordinator for group {} failed: {}", groupId, failure.toString());
            findRetryAtMs = now + retryBackoffMs;
            return;
        }
        Struct body = response.body();
        short error;
        int nodeId;
        String host;
        int port;
        String message;
        if (response.version() >= 4) {
            List<Struct> list = body.get(FindCoordinator.Response.COORDINATORS);
            if (list.isEmpty()) {
                findRetryAtMs = now + retryBackoffMs;
                return;
            }
            Struct c = list.get(0);
            error = c.getShort(FindCoordinator.Response.Coordinator.ERROR_CODE);
            nodeId = c.getInt(FindCoordinator.Response.Coordinator.NODE_ID);
            host = c.get(FindCoordinator.Response.Coordinator.HOST);
            port = c.getInt(FindCoordinator.Response.Coordinator.PORT);
            message = c.get(FindCoordinator.Response.Coordinator.ERROR_MESSAGE);
        } else {
            error = body.getShort(FindCoordinator.Response.ERROR_CODE);
            nodeId = body.getInt(FindCoordinator.Response.NODE_ID);
            host = body.get(FindCoordinator.Response.HOST);
            port = body.getInt(FindCoordinator.Response.PORT);
            message = body.get(FindCoordinator.Response.ERROR_MESSAGE);
        }
        Errors e = Errors.forCode(error);
        if (e == Errors.NONE) {
            // A connection of its own, so that group requests never queue behind fetches.
            coordinator = new Node(Integer.MAX_VALUE - nodeId, host, port);
            lastHeartbeatResponseMs = now;
            log.info("Discovered group coordinator {} for group {}", NetworkClient.describe(coordinator), groupId);
            notifyAll();
        } else if (e == Errors.GROUP_AUTHORIZATION_FAILED) {
            fatalError = new GroupAuthorizationException("Not authorized to access group " + groupId);
        } else {
            log.debug("FindCoordinator for group {} answered {}{}", groupId, e, message == null ? "" : ": " + message);
            findRetryAtMs = now + retryBackoffMs;
        }
    }

    /** Forgets the coordinator (it moved or is unreachable) and fails what is pending on its connection. */
    public void markCoordinatorUnknown(String reason) {
        Node old;
        synchronized (this) {
            old = coordinator;
            if (old == null) {
                return;
            }
            log.info("Group coordinator {} is unavailable or invalid for group {}: {}; will find it again",
                NetworkClient.describe(old), groupId, reason);
            coordinator = null;
        }
        network.disconnect(old);
        network.signal();
    }

    // ---- membership -----------------------------------------------------------------------------

    public synchronized MemberState state() {
        return state;
    }

    synchronized void setState(MemberState state) {
        this.state = state;
        notifyAll();
    }

    public synchronized Generation generation() {
        return generation;
    }

    /** The generation if the member is stable in it, else null. */
    public synchronized Generation generationIfStable() {
        return state == MemberState.STABLE ? generation : null;
    }

    synchronized void setGeneration(Generation generation) {
        this.generation = generation;
    }

    public synchronized boolean rebalanceInProgress() {
        return state == MemberState.PREPARING_REBALANCE || state == MemberState.COMPLETING_REBALANCE;
    }

    public synchronized void requestRejoin(String reason) {
        if (!rejoinNeeded) {
            log.info("Request joining group {} due to: {}", groupId, reason);
        }
        rejoinNeeded = true;
        rejoinReason = reason;
        network.signal();
    }

    synchronized boolean rejoinNeeded() {
        return rejoinNeeded;
    }

    synchronized String rejoinReason() {
        return rejoinReason;
    }

    synchronized void rejoinDone() {
        rejoinNeeded = false;
    }

    /**
     * The group no longer has this member in its generation: its partitions may already be
     * another member's. Forgets the generation (and the member id if the group forgot it), and
     * leaves the application thread to run onPartitionsLost and rejoin.
     */
    public synchronized void resetGeneration(String reason, boolean resetMemberId) {
        log.info("Member {} of group {} lost its generation {}: {}", generation.memberId, groupId,
            generation.generationId, reason);
        generation = resetMemberId ? Generation.NO_GENERATION : generation.withoutGeneration();
        state = MemberState.UNJOINED;
        rejoinNeeded = true;
        rejoinReason = reason;
        lostReason = reason;
        removalReason = reason;
        network.signal();
    }

    /** Takes the reason partitions were lost, if they were since the last call. */
    synchronized String takeLostReason() {
        String r = lostReason;
        lostReason = null;
        return r;
    }

    synchronized String removalReason() {
        return removalReason;
    }

    synchronized void clearRemovalReason() {
        removalReason = null;
    }

    synchronized void fail(KafkaException e) {
        if (fatalError == null) {
            fatalError = e;
        }
        network.signal();
    }

    /** @throws KafkaException a fatal error seen by any thread (e.g. FencedInstanceIdException), once */
    synchronized void maybeThrowFatal() {
        if (fatalError != null) {
            KafkaException e = fatalError;
            fatalError = null;
            throw e;
        }
    }

    /**
     * Leaves the group (LeaveGroup) if this is a dynamic member that joined; static members stay,
     * as in Kafka, so that a restart within the session timeout causes no rebalance. Forgets the
     * generation and member id either way. Returns the request's future, or null if none was sent.
     */
    public CompletableFuture<ClientResponse> maybeLeaveGroup(String reason) {
        return maybeLeaveGroup(reason, false);
    }

    /** @param evenIfStatic leave also as a static member (close with CloseOptions LEAVE_GROUP) */
    public CompletableFuture<ClientResponse> maybeLeaveGroup(String reason, boolean evenIfStatic) {
        Node node;
        Generation g;
        synchronized (this) {
            node = coordinator;
            g = generation;
            generation = Generation.NO_GENERATION;
            state = MemberState.UNJOINED;
            rejoinNeeded = true;
            rejoinReason = reason;
        }
        if ((isStatic() && !evenIfStatic) || node == null || g.memberId.isEmpty()) {
            return null;
        }
        if (isStatic() && evenIfStatic) {
            return network.send(node, ApiKeys.LEAVE_GROUP, RequestBuilder.ofVersions((short) 3,
                ApiKeys.LEAVE_GROUP.latestVersion(), version -> LeaveGroup.DEFINITION.newRequest()
                    .set(LeaveGroup.Request.GROUP_ID, groupId)
                    .set(LeaveGroup.Request.MEMBERS, List.of(LeaveGroup.Request.MemberIdentity.SCHEMA.newStruct()
                        .set(LeaveGroup.Request.MemberIdentity.MEMBER_ID, g.memberId)
                        .set(LeaveGroup.Request.MemberIdentity.GROUP_INSTANCE_ID, groupInstanceId.get())
                        .set(LeaveGroup.Request.MemberIdentity.REASON, truncate(reason))))), requestTimeoutMs);
        }
        log.info("Member {} sending LeaveGroup to coordinator {} of group {}: {}", g.memberId,
            NetworkClient.describe(node), groupId, reason);
        return network.send(node, ApiKeys.LEAVE_GROUP, version -> {
            Struct req = LeaveGroup.DEFINITION.newRequest().set(LeaveGroup.Request.GROUP_ID, groupId);
            if (version >= 3) {
                req.set(LeaveGroup.Request.MEMBERS, List.of(LeaveGroup.Request.MemberIdentity.SCHEMA.newStruct()
                    .set(LeaveGroup.Request.MemberIdentity.MEMBER_ID, g.memberId)
                    .set(LeaveGroup.Request.MemberIdentity.REASON, truncate(reason))));
            } else {
                req.set(LeaveGroup.Request.MEMBER_ID, g.memberId);
            }
            return req;
        }, requestTimeoutMs);
    }

    /** Reasons go to the broker's log; Apache cuts them at 255 characters. */
    static String truncate(String reason) {
        return reason == null || reason.length() <= 255 ? reason : reason.substring(0, 255);
    }

    // ---- timing, for the heartbeat thread -------------------------------------------------------

    public synchronized void recordPoll(long nowMs) {
        lastPollMs = nowMs;
    }

    synchronized long lastPollMs() {
        return lastPollMs;
    }

    synchronized void recordHeartbeatResponse(long nowMs) {
        lastHeartbeatResponseMs = nowMs;
    }

    synchronized long lastHeartbeatResponseMs() {
        return lastHeartbeatResponseMs;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    public boolean isStatic() {
        return groupInstanceId.isPresent();
    }
}
