package io.strand.clients.consumer.internals;

import io.strand.clients.consumer.ConsumerGroupMetadata;
import io.strand.clients.consumer.ConsumerPartitionAssignor;
import io.strand.clients.consumer.ConsumerPartitionAssignor.Assignment;
import io.strand.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import io.strand.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import io.strand.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import io.strand.clients.consumer.ConsumerPartitionAssignor.Subscription;
import io.strand.clients.consumer.ConsumerRebalanceListener;
import io.strand.clients.consumer.internals.GroupState.MemberState;
import io.strand.clients.internals.metadata.Metadata;
import io.strand.clients.internals.network.ClientResponse;
import io.strand.common.Cluster;
import io.strand.common.KafkaException;
import io.strand.common.Node;
import io.strand.common.TopicPartition;
import io.strand.common.errors.FencedInstanceIdException;
import io.strand.common.errors.InterruptException;
import io.strand.common.errors.WakeupException;
import io.strand.common.message.JoinGroup;
import io.strand.common.message.SyncGroup;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.SchemaException;
import io.strand.common.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership in a classic consumer group, driven by poll on the application thread: JoinGroup
 * (the member's subscription, once per configured assignor), on the leader the assignment,
 * SyncGroup, and the rebalance listener around them. Nothing here blocks: each poll moves the
 * rebalance as far as the answers that have arrived allow. The listener runs here, so always on
 * the thread that called poll (or close, or unsubscribe).
 *
 * <p>Eager protocol: all partitions are revoked before joining. Cooperative protocol: partitions
 * are kept through the rebalance; those the new assignment no longer holds are revoked after it,
 * and then the member rejoins so that the leader can hand them on.
 */
public final class ConsumerCoordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerCoordinator.class);
    /** JoinGroup and SyncGroup wait on the broker for the whole group, up to the rebalance timeout. */
    private static final long JOIN_TIMEOUT_LAPSE_MS = 5000;

    private final GroupState group;
    private final SubscriptionState subscriptions;
    private final Metadata metadata;
    private final ConsumerNetworkClient network;
    private final CommitManager commits;
    private final ConsumerMetrics metrics;
    private final List<ConsumerPartitionAssignor> assignors;
    private final RebalanceProtocol protocol;
    private final int sessionTimeoutMs;
    private final int rebalanceTimeoutMs;
    private final long requestTimeoutMs;
    private final long retryBackoffMs;
    private final Optional<String> rackId;
    private final HeartbeatThread heartbeat;
    private final Consumer<Set<TopicPartition>> dropBufferedData;

    private CompletableFuture<ClientResponse> joinFuture;
    private CompletableFuture<ClientResponse> syncFuture;
    private Generation syncGeneration;
    private boolean joinPrepared;
    private boolean prepareCommitInFlight;
    private boolean prepareCommitDone;
    private long rejoinAtMs;
    private Set<String> joinedSubscription = Collections.emptySet();
    private Map<String, Integer> assignmentSnapshot;
    private long rebalanceStartMs;
    private RuntimeException listenerError;
    private boolean heartbeatStarted;

    public ConsumerCoordinator(GroupState group, SubscriptionState subscriptions, Metadata metadata,
                               ConsumerNetworkClient network, CommitManager commits, ConsumerMetrics metrics,
                               List<ConsumerPartitionAssignor> assignors, String clientId, int sessionTimeoutMs,
                               int rebalanceTimeoutMs, int heartbeatIntervalMs, long requestTimeoutMs,
                               long retryBackoffMs, String rack, Consumer<Set<TopicPartition>> dropBufferedData) {
        this.group = group;
        this.subscriptions = subscriptions;
        this.metadata = metadata;
        this.network = network;
        this.commits = commits;
        this.metrics = metrics;
        this.assignors = assignors;
        this.protocol = commonProtocol(assignors);
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.requestTimeoutMs = requestTimeoutMs;
        this.retryBackoffMs = retryBackoffMs;
        this.rackId = rack == null || rack.isEmpty() ? Optional.empty() : Optional.of(rack);
        this.dropBufferedData = dropBufferedData;
        this.heartbeat = new HeartbeatThread(clientId, group, network, heartbeatIntervalMs, sessionTimeoutMs,
            rebalanceTimeoutMs, requestTimeoutMs, retryBackoffMs);
    }

    /** The newest rebalance protocol every configured assignor supports. */
    static RebalanceProtocol commonProtocol(List<ConsumerPartitionAssignor> assignors) {
        if (assignors.isEmpty()) {
            throw new IllegalArgumentException("partition.assignment.strategy names no assignor");
        }
        Set<RebalanceProtocol> common = EnumSet.allOf(RebalanceProtocol.class);
        for (ConsumerPartitionAssignor a : assignors) {
            common.retainAll(a.supportedProtocols());
        }
        if (common.isEmpty()) {
            throw new IllegalArgumentException("The assignors " + names(assignors) + " have no rebalance protocol in "
                + "common (eager or cooperative); configure assignors that do");
        }
        return common.contains(RebalanceProtocol.COOPERATIVE) ? RebalanceProtocol.COOPERATIVE : RebalanceProtocol.EAGER;
    }

    private static List<String> names(List<ConsumerPartitionAssignor> assignors) {
        List<String> out = new ArrayList<>();
        assignors.forEach(a -> out.add(a.name()));
        return out;
    }

    public RebalanceProtocol rebalanceProtocol() {
        return protocol;
    }

    public GroupState group() {
        return group;
    }

    // ---- the poll step --------------------------------------------------------------------------

    /**
     * Moves group membership forward without blocking: coordinator lookup, the rebalance, the
     * listener, automatic commits.
     *
     * @throws KafkaException what the listener threw, after the rebalance step completed
     */
    public void poll(long nowMs) {
        commits.invokeCompletedCallbacks();
        group.maybeThrowFatal();
        if (!subscriptions.hasAutoAssignedPartitions()) {
            if (group.coordinatorUnknown() && (commits.autoCommitEnabled() || !subscriptions.initializingPartitions().isEmpty())) {
                group.lookupCoordinator();
            }
            commits.maybeAutoCommitAsync(nowMs);
            return;
        }
        group.recordPoll(nowMs);
        handleLostPartitions();
        if (group.coordinatorUnknown()) {
            group.lookupCoordinator();
        } else if (rejoinNeededOrPending()) {
            stepRebalance(nowMs);
        }
        commits.maybeAutoCommitAsync(nowMs);
        throwListenerError();
    }

    /** The next time poll has something to do without an event: a backoff ending, an automatic commit. */
    public long nextWakeupMs(long nowMs) {
        long next = commits.nextAutoCommitMs();
        if (subscriptions.hasAutoAssignedPartitions()) {
            if (group.coordinatorUnknown()) {
                next = Math.min(next, Math.max(nowMs + 1, group.findCoordinatorRetryAtMs()));
            } else if (joinFuture == null && syncFuture == null && rejoinAtMs > nowMs) {
                next = Math.min(next, rejoinAtMs);
            }
        }
        return next;
    }

    /** Whether the member is settled with an assignment (a stable generation, no rebalance pending). */
    public boolean isStable() {
        return group.state() == MemberState.STABLE && !group.rejoinNeeded() && joinFuture == null && syncFuture == null;
    }

    private boolean rejoinNeededOrPending() {
        if (joinFuture != null || syncFuture != null) {
            return true;
        }
        if (group.state() != MemberState.STABLE || group.rejoinNeeded()) {
            return true;
        }
        if (!subscriptions.subscription().equals(joinedSubscription)) {
            group.requestRejoin("the subscription changed from " + joinedSubscription + " to "
                + subscriptions.subscription());
            return true;
        }
        if (assignmentSnapshot != null && !assignmentSnapshot.equals(snapshot(assignmentSnapshot.keySet()))) {
            group.requestRejoin("the metadata of the group's topics changed since the assignment: "
                + assignmentSnapshot + " -> " + snapshot(assignmentSnapshot.keySet()));
            return true;
        }
        return false;
    }

    private void handleLostPartitions() {
        String reason = group.takeLostReason();
        if (reason == null) {
            return;
        }
        joinPrepared = false;
        prepareCommitDone = false;
        Set<TopicPartition> lost = subscriptions.assignedPartitions();
        if (!lost.isEmpty()) {
            log.info("Lost previously assigned partitions {} of group {}: {}", lost, group.groupId, reason);
            subscriptions.assignFromSubscribed(Collections.emptySet());
            dropBufferedData.accept(lost);
            invokeListener("onPartitionsLost", l -> l.onPartitionsLost(lost));
        }
    }

    private void stepRebalance(long nowMs) {
        if (syncFuture != null) {
            if (syncFuture.isDone()) {
                handleSync(nowMs);
            }
            return;
        }
        if (joinFuture != null) {
            if (joinFuture.isDone()) {
                handleJoin(nowMs);
            }
            return;
        }
        if (!joinPrepared) {
            if (!prepareCommit()) {
                return;
            }
            onJoinPrepare(nowMs);
            joinPrepared = true;
        }
        if (nowMs >= rejoinAtMs) {
            sendJoin(nowMs);
        }
    }

    /** Auto-commits before a rebalance (asynchronously, across polls); true once done or not needed. */
    private boolean prepareCommit() {
        if (prepareCommitDone || !commits.autoCommitEnabled() || group.generationIfStable() == null) {
            return true;
        }
        if (!prepareCommitInFlight) {
            prepareCommitInFlight = true;
            commits.commitAsync(subscriptions.allConsumed(), (offsets, e) -> {
                prepareCommitInFlight = false;
                prepareCommitDone = true;
                if (e != null) {
                    log.warn("Auto-commit of offsets {} before rebalancing failed: {}", offsets, e.getMessage());
                }
            });
        }
        return false;
    }

    private void onJoinPrepare(long nowMs) {
        rebalanceStartMs = nowMs;
        prepareCommitDone = false;
        Set<TopicPartition> owned = subscriptions.assignedPartitions();
        Set<TopicPartition> revoked;
        if (protocol == RebalanceProtocol.EAGER) {
            revoked = owned;
        } else {
            revoked = new HashSet<>();
            for (TopicPartition tp : owned) {
                if (!subscriptions.subscription().contains(tp.topic()) && !subscriptions.matchesPattern(tp.topic())) {
                    revoked.add(tp);
                }
            }
        }
        if (!revoked.isEmpty()) {
            Set<TopicPartition> kept = new HashSet<>(owned);
            kept.removeAll(revoked);
            subscriptions.assignFromSubscribed(kept);
            dropBufferedData.accept(revoked);
        }
        if (protocol == RebalanceProtocol.EAGER || !revoked.isEmpty()) {
            log.info("Revoking previously assigned partitions {} of group {}", revoked, group.groupId);
            invokeListener("onPartitionsRevoked", l -> l.onPartitionsRevoked(revoked));
        }
        assignmentSnapshot = null;
        subscriptions.resetGroupSubscription();
        if (!subscriptions.hasPatternSubscription()) {
            metadata.setTopics(subscriptions.metadataTopics());
        }
    }

    // ---- JoinGroup ------------------------------------------------------------------------------

    private void sendJoin(long nowMs) {
        Node coordinator = group.coordinator();
        if (coordinator == null) {
            group.lookupCoordinator();
            return;
        }
        if (!heartbeatStarted) {
            heartbeatStarted = true;
            heartbeat.start();
        }
        Generation current = group.generation();
        joinedSubscription = new HashSet<>(subscriptions.subscription());
        List<String> topics = new ArrayList<>(new TreeSet<>(joinedSubscription));
        List<Struct> protocols = new ArrayList<>();
        for (ConsumerPartitionAssignor a : assignors) {
            Subscription s = new Subscription(topics, a.subscriptionUserData(joinedSubscription),
                subscriptions.assignedPartitionsList(), current.generationId, rackId);
            protocols.add(JoinGroup.Request.Protocol.SCHEMA.newStruct()
                .set(JoinGroup.Request.Protocol.NAME, a.name())
                .set(JoinGroup.Request.Protocol.METADATA, ConsumerProtocol.toBytes(ConsumerProtocol.serializeSubscription(s))));
        }
        String reason = GroupState.truncate(group.rejoinReason());
        log.info("(Re-)joining group {} as member '{}' (reason: {})", group.groupId, current.memberId, reason);
        group.setState(MemberState.PREPARING_REBALANCE);
        joinFuture = network.send(coordinator, ApiKeys.JOIN_GROUP, version -> JoinGroup.DEFINITION.newRequest()
            .set(JoinGroup.Request.GROUP_ID, group.groupId)
            .set(JoinGroup.Request.SESSION_TIMEOUT_MS, sessionTimeoutMs)
            .set(JoinGroup.Request.REBALANCE_TIMEOUT_MS, rebalanceTimeoutMs)
            .set(JoinGroup.Request.MEMBER_ID, current.memberId)
            .set(JoinGroup.Request.GROUP_INSTANCE_ID, group.groupInstanceId.orElse(null))
            .set(JoinGroup.Request.PROTOCOL_TYPE, ConsumerProtocol.PROTOCOL_TYPE)
            .set(JoinGroup.Request.PROTOCOLS, protocols)
            .set(JoinGroup.Request.REASON, reason), joinTimeoutMs());
    }

    private long joinTimeoutMs() {
        return Math.max(requestTimeoutMs, rebalanceTimeoutMs + JOIN_TIMEOUT_LAPSE_MS);
    }

    private void handleJoin(long nowMs) {
        CompletableFuture<ClientResponse> f = joinFuture;
        joinFuture = null;
        ClientResponse response;
        try {
            response = f.join();
        } catch (RuntimeException e) {
            onRequestFailure("JoinGroup", e, nowMs);
            return;
        }
        Struct body = response.body();
        Errors error = Errors.forCode(body.getShort(JoinGroup.Response.ERROR_CODE));
        String memberId = body.get(JoinGroup.Response.MEMBER_ID);
        switch (error) {
            case NONE: {
                Generation generation = new Generation(body.getInt(JoinGroup.Response.GENERATION_ID), memberId,
                    body.get(JoinGroup.Response.PROTOCOL_NAME));
                log.info("Joined group {} with generation {}", group.groupId, generation);
                group.setGeneration(generation);
                group.recordHeartbeatResponse(nowMs);
                group.setState(MemberState.COMPLETING_REBALANCE);
                heartbeat.wakeupNow();
                boolean leader = memberId.equals(body.get(JoinGroup.Response.LEADER));
                List<Struct> assignments = Collections.emptyList();
                if (leader) {
                    Map<String, ByteBuffer> computed = performAssignment(generation.protocolName,
                        body.get(JoinGroup.Response.MEMBERS), body.getBoolean(JoinGroup.Response.SKIP_ASSIGNMENT));
                    assignments = new ArrayList<>();
                    for (Map.Entry<String, ByteBuffer> e : computed.entrySet()) {
                        assignments.add(SyncGroup.Request.Assignment.SCHEMA.newStruct()
                            .set(SyncGroup.Request.Assignment.MEMBER_ID, e.getKey())
                            .set(SyncGroup.Request.Assignment.ASSIGNMENT, ConsumerProtocol.toBytes(e.getValue())));
                    }
                } else {
                    assignmentSnapshot = null;
                }
                sendSync(generation, assignments);
                return;
            }
            case MEMBER_ID_REQUIRED:
                // KIP-394: the broker hands out the member id first; join again with it at once.
                group.setGeneration(new Generation(Generation.NO_GENERATION_ID, memberId, null));
                group.setState(MemberState.UNJOINED);
                rejoinAtMs = nowMs;
                return;
            case UNKNOWN_MEMBER_ID:
                group.setGeneration(Generation.NO_GENERATION);
                group.setState(MemberState.UNJOINED);
                rejoinAtMs = nowMs;
                return;
            case COORDINATOR_LOAD_IN_PROGRESS:
            case REBALANCE_IN_PROGRESS:
                group.setState(MemberState.UNJOINED);
                rejoinAtMs = nowMs + retryBackoffMs;
                return;
            default:
                onErrorResponse("JoinGroup", error, nowMs);
        }
    }

    /** A JoinGroup or SyncGroup that got no answer: find the coordinator again, then rejoin. */
    private void onRequestFailure(String api, RuntimeException e, long nowMs) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        group.setState(MemberState.UNJOINED);
        if (cause instanceof io.strand.common.errors.UnsupportedVersionException) {
            throw new io.strand.common.errors.UnsupportedVersionException(api + " failed: " + cause.getMessage()
                + (group.isStatic() ? " (group.instance.id needs JoinGroup v5 and SyncGroup v3, Kafka 2.3 or later)" : ""));
        }
        group.markCoordinatorUnknown(api + " failed: " + cause);
        rejoinAtMs = nowMs + retryBackoffMs;
    }

    /** The errors JoinGroup and SyncGroup share: coordinator moved (rejoin), fenced or fatal (throw). */
    private void onErrorResponse(String api, Errors error, long nowMs) {
        group.setState(MemberState.UNJOINED);
        rejoinAtMs = nowMs + retryBackoffMs;
        switch (error) {
            case COORDINATOR_NOT_AVAILABLE:
            case NOT_COORDINATOR:
                group.markCoordinatorUnknown(api + " answered " + error);
                return;
            case FENCED_INSTANCE_ID:
                throw new FencedInstanceIdException("Another consumer with group.instance.id "
                    + group.groupInstanceId.orElse("") + " is in group " + group.groupId + "; this one was fenced ("
                    + api + ")");
            default:
                throw error.exception(api + " of group " + group.groupId + " failed: " + error.exception().getMessage());
        }
    }

    /** On the leader: every member's assignment, serialized. */
    private Map<String, ByteBuffer> performAssignment(String protocolName, List<Struct> members, boolean skipAssignment) {
        ConsumerPartitionAssignor assignor = lookupAssignor(protocolName);
        Map<String, Subscription> subs = new HashMap<>();
        Set<String> allTopics = new HashSet<>();
        for (Struct m : members) {
            String id = m.get(JoinGroup.Response.Member.MEMBER_ID);
            Subscription s;
            try {
                s = ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(m.get(JoinGroup.Response.Member.METADATA)));
            } catch (SchemaException e) {
                throw new KafkaException("Member " + id + " of group " + group.groupId + " sent a subscription that "
                    + "cannot be read: " + e.getMessage(), e);
            }
            s.setGroupInstanceId(Optional.ofNullable(m.get(JoinGroup.Response.Member.GROUP_INSTANCE_ID)));
            subs.put(id, s);
            allTopics.addAll(s.topics());
        }
        subscriptions.groupSubscribe(allTopics);
        if (!subscriptions.hasPatternSubscription()) {
            metadata.setTopics(subscriptions.metadataTopics());
        }
        if (skipAssignment) {
            // A static leader that rejoined: the broker keeps the current assignment (JoinGroup v9).
            assignmentSnapshot = snapshot(allTopics);
            return Collections.emptyMap();
        }
        Cluster cluster = metadata.fetch();
        log.debug("Leader of group {} assigning with {} for {}", group.groupId, assignor.name(), subs);
        GroupAssignment result = assignor.assign(cluster, new GroupSubscription(subs));
        Map<String, ByteBuffer> out = new HashMap<>();
        for (String member : subs.keySet()) {
            Assignment a = result.groupAssignment().get(member);
            if (a == null) {
                log.warn("Assignor {} gave member {} no assignment; sending an empty one", assignor.name(), member);
                a = new Assignment(Collections.emptyList());
            }
            out.put(member, ConsumerProtocol.serializeAssignment(a));
        }
        if (protocol == RebalanceProtocol.COOPERATIVE) {
            checkCooperative(subs, result);
        }
        assignmentSnapshot = snapshot(allTopics);
        log.info("Leader of group {} finished the assignment for generation: {}", group.groupId, result.groupAssignment());
        return out;
    }

    /** A cooperative assignor must never hand a partition straight from one member to another. */
    private void checkCooperative(Map<String, Subscription> subs, GroupAssignment result) {
        Map<TopicPartition, String> owners = new HashMap<>();
        subs.forEach((m, s) -> s.ownedPartitions().forEach(tp -> owners.put(tp, m)));
        result.groupAssignment().forEach((m, a) -> {
            for (TopicPartition tp : a.partitions()) {
                String owner = owners.get(tp);
                if (owner != null && !owner.equals(m)) {
                    log.error("The cooperative assignor moved {} straight from {} to {}", tp, owner, m);
                }
            }
        });
    }

    private Map<String, Integer> snapshot(Set<String> topics) {
        Cluster cluster = metadata.fetch();
        Map<String, Integer> out = new HashMap<>();
        for (String t : topics) {
            Integer count = cluster.partitionCountForTopic(t);
            out.put(t, count == null ? -1 : count);
        }
        return out;
    }

    private ConsumerPartitionAssignor lookupAssignor(String name) {
        for (ConsumerPartitionAssignor a : assignors) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new IllegalStateException("The group coordinator chose assignor '" + name + "', which this consumer "
            + "does not have (it has " + names(assignors) + ")");
    }

    // ---- SyncGroup ------------------------------------------------------------------------------

    private void sendSync(Generation generation, List<Struct> assignments) {
        Node coordinator = group.coordinator();
        if (coordinator == null) {
            group.setState(MemberState.UNJOINED);
            group.lookupCoordinator();
            return;
        }
        syncGeneration = generation;
        syncFuture = network.send(coordinator, ApiKeys.SYNC_GROUP, version -> SyncGroup.DEFINITION.newRequest()
            .set(SyncGroup.Request.GROUP_ID, group.groupId)
            .set(SyncGroup.Request.GENERATION_ID, generation.generationId)
            .set(SyncGroup.Request.MEMBER_ID, generation.memberId)
            .set(SyncGroup.Request.GROUP_INSTANCE_ID, group.groupInstanceId.orElse(null))
            .set(SyncGroup.Request.PROTOCOL_TYPE, ConsumerProtocol.PROTOCOL_TYPE)
            .set(SyncGroup.Request.PROTOCOL_NAME, generation.protocolName)
            .set(SyncGroup.Request.ASSIGNMENTS, assignments), joinTimeoutMs());
    }

    private void handleSync(long nowMs) {
        CompletableFuture<ClientResponse> f = syncFuture;
        syncFuture = null;
        ClientResponse response;
        try {
            response = f.join();
        } catch (RuntimeException e) {
            onRequestFailure("SyncGroup", e, nowMs);
            return;
        }
        Struct body = response.body();
        Errors error = Errors.forCode(body.getShort(SyncGroup.Response.ERROR_CODE));
        switch (error) {
            case NONE:
                group.recordHeartbeatResponse(nowMs);
                onJoinComplete(syncGeneration, body.get(SyncGroup.Response.ASSIGNMENT), nowMs);
                return;
            case REBALANCE_IN_PROGRESS:
                group.setState(MemberState.UNJOINED);
                rejoinAtMs = nowMs;
                return;
            case UNKNOWN_MEMBER_ID:
            case ILLEGAL_GENERATION:
                group.resetGeneration("SyncGroup answered " + error, error == Errors.UNKNOWN_MEMBER_ID);
                rejoinAtMs = nowMs;
                return;
            default:
                onErrorResponse("SyncGroup", error, nowMs);
        }
    }

    private void onJoinComplete(Generation generation, byte[] assignmentBytes, long nowMs) {
        Assignment assignment = assignmentBytes == null || assignmentBytes.length == 0
            ? new Assignment(Collections.emptyList())
            : ConsumerProtocol.deserializeAssignment(ByteBuffer.wrap(assignmentBytes));
        ConsumerPartitionAssignor assignor = lookupAssignor(generation.protocolName);
        Set<TopicPartition> assigned = new HashSet<>();
        boolean mismatch = false;
        for (TopicPartition tp : assignment.partitions()) {
            if (subscriptions.subscription().contains(tp.topic()) || subscriptions.matchesPattern(tp.topic())) {
                assigned.add(tp);
            } else {
                mismatch = true;
            }
        }
        Set<TopicPartition> owned = subscriptions.assignedPartitions();
        Set<TopicPartition> added = new HashSet<>(assigned);
        added.removeAll(owned);
        Set<TopicPartition> revoked = new HashSet<>(owned);
        revoked.removeAll(assigned);

        group.setState(MemberState.STABLE);
        group.rejoinDone();
        group.clearRemovalReason();
        joinPrepared = false;
        metrics.rebalanceLatency.record(nowMs - rebalanceStartMs);
        if (mismatch) {
            group.requestRejoin("the assignment " + assignment.partitions() + " holds topics this member does not "
                + "subscribe to " + subscriptions.subscription());
        }
        if (!revoked.isEmpty()) {
            // Cooperative: stop fetching what goes elsewhere, tell the listener, then rejoin to hand it on.
            subscriptions.markPendingRevocation(revoked);
            dropBufferedData.accept(revoked);
            log.info("Revoking partitions {} of group {} that the new assignment moves elsewhere", revoked, group.groupId);
            invokeListener("onPartitionsRevoked", l -> l.onPartitionsRevoked(revoked));
            group.requestRejoin("need to revoke partitions " + revoked + " and re-join");
        }
        try {
            assignor.onAssignment(assignment, groupMetadata());
        } catch (RuntimeException e) {
            log.error("Assignor {} failed in onAssignment", assignor.name(), e);
        }
        subscriptions.assignFromSubscribed(assigned);
        commits.resetAutoCommitTimer(nowMs);
        log.info("Member {} of group {} in generation {} is assigned {}; newly added: {}", generation.memberId,
            group.groupId, generation.generationId, assigned, added);
        invokeListener("onPartitionsAssigned", l -> l.onPartitionsAssigned(added));
    }

    // ---- the listener ---------------------------------------------------------------------------

    private void invokeListener(String method, Consumer<ConsumerRebalanceListener> call) {
        ConsumerRebalanceListener listener = subscriptions.rebalanceListener();
        if (listener == null) {
            return;
        }
        try {
            call.accept(listener);
        } catch (WakeupException | InterruptException e) {
            if (listenerError == null) {
                listenerError = e;
            }
        } catch (RuntimeException e) {
            log.error("User provided listener {} failed on invocation of {}", listener.getClass().getName(), method, e);
            if (listenerError == null) {
                listenerError = new KafkaException("User rebalance callback throws an error", e);
            }
        }
    }

    private void throwListenerError() {
        if (listenerError != null) {
            RuntimeException e = listenerError;
            listenerError = null;
            throw e;
        }
    }

    // ---- leaving ----------------------------------------------------------------------------------

    /** Before leaving: the listener gives up every partition (or loses them, if the generation is gone). */
    private void onLeavePrepare() {
        Set<TopicPartition> owned = subscriptions.assignedPartitions();
        if (owned.isEmpty()) {
            return;
        }
        if (group.generation().isValid() && group.state() != MemberState.UNJOINED) {
            invokeListener("onPartitionsRevoked", l -> l.onPartitionsRevoked(owned));
        } else {
            invokeListener("onPartitionsLost", l -> l.onPartitionsLost(owned));
        }
    }

    /** For unsubscribe(): revoke, leave the group (without waiting), forget the rebalance in progress. */
    public void leaveOnUnsubscribe() {
        if (!subscriptions.hasAutoAssignedPartitions()) {
            return;
        }
        onLeavePrepare();
        group.maybeLeaveGroup("the consumer unsubscribed from all topics");
        resetJoinState();
        throwListenerError();
    }

    private void resetJoinState() {
        joinFuture = null;
        syncFuture = null;
        joinPrepared = false;
        prepareCommitDone = false;
        prepareCommitInFlight = false;
        joinedSubscription = Collections.emptySet();
        assignmentSnapshot = null;
    }

    public void enforceRebalance(String reason) {
        if (subscriptions.hasAutoAssignedPartitions()) {
            group.requestRejoin(reason);
        }
    }

    public ConsumerGroupMetadata groupMetadata() {
        Generation g = group.generation();
        return new ConsumerGroupMetadata(group.groupId, g.generationId, g.memberId, group.groupInstanceId);
    }

    /**
     * Leaves the group for close(): auto-commit (if on), revoke, LeaveGroup, waiting for the answer
     * and for commits in flight at most until the deadline; then stops the heartbeat thread.
     */
    public void close(long deadlineMs, boolean leaveGroup, boolean leaveEvenIfStatic) {
        try {
            if (!group.coordinatorUnknown() || commits.autoCommitEnabled()) {
                if (subscriptions.hasAutoAssignedPartitions() ? group.generationIfStable() != null
                    : !subscriptions.assignedPartitions().isEmpty()) {
                    commits.maybeAutoCommitSync(deadlineMs);
                }
            }
            if (subscriptions.hasAutoAssignedPartitions()) {
                onLeavePrepare();
                CompletableFuture<ClientResponse> leave = leaveGroup
                    ? group.maybeLeaveGroup("the consumer is being closed", leaveEvenIfStatic) : null;
                if (leave != null) {
                    awaitQuietly(leave, deadlineMs);
                }
            }
            commits.awaitPendingAsyncCommits(deadlineMs);
        } finally {
            heartbeat.shutdown();
            if (heartbeatStarted && Thread.currentThread() != heartbeat) {
                try {
                    heartbeat.join(Math.max(1, Math.min(5000, deadlineMs - System.currentTimeMillis())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        throwListenerError();
    }

    private void awaitQuietly(CompletableFuture<?> f, long deadlineMs) {
        while (!f.isDone()) {
            long seen = network.events();
            long now = System.currentTimeMillis();
            if (f.isDone() || now >= deadlineMs) {
                return;
            }
            network.awaitEvent(seen, deadlineMs - now);
        }
    }

    @Override
    public void close() {
        close(System.currentTimeMillis(), false, false);
    }

    Collection<ConsumerPartitionAssignor> assignors() {
        return assignors;
    }
}
