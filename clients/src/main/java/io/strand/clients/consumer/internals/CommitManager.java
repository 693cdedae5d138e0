package io.strand.clients.consumer.internals;

import io.strand.clients.consumer.CommitFailedException;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.clients.consumer.OffsetCommitCallback;
import io.strand.clients.consumer.RetriableCommitFailedException;
import io.strand.clients.internals.network.ClientResponse;
import io.strand.common.KafkaException;
import io.strand.common.Node;
import io.strand.common.TopicPartition;
import io.strand.common.errors.FencedInstanceIdException;
import io.strand.common.errors.GroupAuthorizationException;
import io.strand.common.errors.RebalanceInProgressException;
import io.strand.common.errors.RetriableException;
import io.strand.common.errors.TimeoutException;
import io.strand.common.errors.TopicAuthorizationException;
import io.strand.common.message.OffsetCommit;
import io.strand.common.message.OffsetFetch;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offsets stored with the group coordinator: commits (synchronous, asynchronous, automatic)
 * and committed-offset lookups (for {@code committed()} and for the starting position of newly
 * assigned partitions). The committed offset is the next record to read. Callbacks of
 * asynchronous commits run on the application thread, inside a later poll, commit or close.
 */
public final class CommitManager {

    private static final Logger log = LoggerFactory.getLogger(CommitManager.class);

    private static final String REBALANCE_IN_PROGRESS_MESSAGE = "Offset commit cannot be completed since the consumer "
        + "is undergoing a rebalance for auto partition assignment. You can try completing the rebalance by calling "
        + "poll() and then retry the operation.";

    /** An asynchronous commit, waiting for the coordinator or for its response. */
    private static final class AsyncCommit {
        final Map<TopicPartition, OffsetAndMetadata> offsets;
        final OffsetCommitCallback callback;
        final long startNanos = System.nanoTime();
        CompletableFuture<ClientResponse> future;

        AsyncCommit(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
            this.offsets = offsets;
            this.callback = callback;
        }
    }

    private final GroupState group;
    private final SubscriptionState subscriptions;
    private final ConsumerNetworkClient network;
    private final ConsumerInterceptors<?, ?> interceptors;
    private final ConsumerMetrics metrics;
    private final long retryBackoffMs;
    private final long requestTimeoutMs;
    private final boolean autoCommit;
    private final long autoCommitIntervalMs;

    private final List<AsyncCommit> asyncCommits = new ArrayList<>();
    private final ArrayDeque<Runnable> completedCallbacks = new ArrayDeque<>();
    private long nextAutoCommitMs;
    private AsyncCommit autoCommitInFlight;

    private CompletableFuture<ClientResponse> positionsFetch;
    private Set<TopicPartition> positionsFetchPartitions = Set.of();
    private long positionsFetchRetryAtMs;

    public CommitManager(GroupState group, SubscriptionState subscriptions, ConsumerNetworkClient network,
                         ConsumerInterceptors<?, ?> interceptors, ConsumerMetrics metrics, long retryBackoffMs,
                         long requestTimeoutMs, boolean autoCommit, long autoCommitIntervalMs) {
        this.group = group;
        this.subscriptions = subscriptions;
        this.network = network;
        this.interceptors = interceptors;
        this.metrics = metrics;
        this.retryBackoffMs = retryBackoffMs;
        this.requestTimeoutMs = requestTimeoutMs;
        this.autoCommit = autoCommit;
        this.autoCommitIntervalMs = autoCommitIntervalMs;
        this.nextAutoCommitMs = System.currentTimeMillis() + autoCommitIntervalMs;
    }

    public boolean autoCommitEnabled() {
        return autoCommit;
    }

    // ---- synchronous commit ---------------------------------------------------------------------

    /**
     * Commits and waits for the answer, retrying retriable failures until the deadline.
     *
     * @throws CommitFailedException       if the group has moved on without this member (says why)
     * @throws RebalanceInProgressException if a rebalance is under way; poll, then commit again
     * @throws TimeoutException            if the deadline passes first
     */
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, long deadlineMs, long timeoutMs) {
        invokeCompletedCallbacks();
        if (offsets.isEmpty()) {
            return;
        }
        long startNanos = System.nanoTime();
        network.call(new CoordinatorCall<Void>() {
            @Override
            CompletableFuture<ClientResponse> send(Node coordinator) {
                return sendCommit(coordinator, offsets);
            }

            @Override
            public BlockingCall.Attempt<Void> handle(CompletableFuture<ClientResponse> finished) {
                RuntimeException error = handleCommit(offsets, finished);
                if (error == null) {
                    return BlockingCall.Attempt.done(null);
                }
                return error instanceof RetriableException ? BlockingCall.Attempt.retry(error)
                    : BlockingCall.Attempt.fail(error);
            }

            @Override
            public RuntimeException timeout(RuntimeException last) {
                return new TimeoutException("Timeout of " + timeoutMs + "ms expired before successfully committing "
                    + "offsets " + offsets + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
            }
        }, deadlineMs, retryBackoffMs);
        metrics.commitLatency.record((System.nanoTime() - startNanos) / 1e6);
        interceptors.onCommit(offsets);
    }

    /** A request to the group coordinator, sent once it is known. */
    private abstract class CoordinatorCall<T> implements BlockingCall<T> {
        abstract CompletableFuture<ClientResponse> send(Node coordinator);

        @Override
        public CompletableFuture<ClientResponse> send() {
            Node coordinator = group.coordinator();
            if (coordinator == null) {
                group.lookupCoordinator();
                return null;
            }
            return send(coordinator);
        }

        @Override
        public long sendableAtMs() {
            return group.findCoordinatorRetryAtMs();
        }

        @Override
        public void check() {
            group.maybeThrowFatal();
        }
    }

    // ---- asynchronous commit --------------------------------------------------------------------

    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        AsyncCommit commit = new AsyncCommit(offsets, callback == null ? CommitManager::logFailure : callback);
        if (offsets.isEmpty()) {
            completedCallbacks.add(() -> commit.callback.onComplete(offsets, null));
            return;
        }
        asyncCommits.add(commit);
        sendWaitingAsyncCommits();
    }

    private static void logFailure(Map<TopicPartition, OffsetAndMetadata> offsets, Exception e) {
        if (e != null) {
            log.error("Offset commit with offsets {} failed", offsets, e);
        }
    }

    private void sendWaitingAsyncCommits() {
        Node coordinator = null;
        for (AsyncCommit c : asyncCommits) {
            if (c.future != null) {
                continue;
            }
            if (coordinator == null) {
                coordinator = group.coordinator();
                if (coordinator == null) {
                    group.lookupCoordinator();
                    return;
                }
            }
            try {
                c.future = sendCommit(coordinator, c.offsets);
            } catch (RuntimeException e) {
                c.future = CompletableFuture.failedFuture(e);
            }
        }
    }

    /** Sends commits that waited for the coordinator and queues the callbacks of finished ones. */
    public void processAsyncCommits() {
        sendWaitingAsyncCommits();
        Iterator<AsyncCommit> it = asyncCommits.iterator();
        while (it.hasNext()) {
            AsyncCommit c = it.next();
            if (c.future == null || !c.future.isDone()) {
                continue;
            }
            it.remove();
            if (c == autoCommitInFlight) {
                autoCommitInFlight = null;
            }
            RuntimeException error = handleCommit(c.offsets, c.future);
            Exception reported;
            if (error == null) {
                metrics.commitLatency.record((System.nanoTime() - c.startNanos) / 1e6);
                interceptors.onCommit(c.offsets);
                reported = null;
            } else if (error instanceof RetriableException) {
                reported = new RetriableCommitFailedException(error);
            } else {
                reported = error;
            }
            completedCallbacks.add(() -> c.callback.onComplete(c.offsets, reported));
        }
    }

    /** Runs the callbacks of finished asynchronous commits, on the calling (application) thread. */
    public void invokeCompletedCallbacks() {
        processAsyncCommits();
        Runnable r;
        while ((r = completedCallbacks.poll()) != null) {
            r.run();
        }
    }

    public boolean hasPendingAsyncCommits() {
        return !asyncCommits.isEmpty();
    }

    /** Waits up to the deadline for asynchronous commits in flight (close does this). */
    public void awaitPendingAsyncCommits(long deadlineMs) {
        while (hasPendingAsyncCommits()) {
            long seen = network.events();
            invokeCompletedCallbacks();
            long now = System.currentTimeMillis();
            if (!hasPendingAsyncCommits() || now >= deadlineMs) {
                break;
            }
            network.awaitEvent(seen, Math.min(deadlineMs - now, retryBackoffMs));
        }
        invokeCompletedCallbacks();
    }

    // ---- automatic commit -----------------------------------------------------------------------

    /** Commits the positions asynchronously when auto.commit.interval.ms has passed. */
    public void maybeAutoCommitAsync(long nowMs) {
        if (!autoCommit || nowMs < nextAutoCommitMs || autoCommitInFlight != null) {
            return;
        }
        if (subscriptions.hasAutoAssignedPartitions() && group.generationIfStable() == null) {
            return; // committed again once the rebalance is over
        }
        nextAutoCommitMs = nowMs + autoCommitIntervalMs;
        Map<TopicPartition, OffsetAndMetadata> offsets = subscriptions.allConsumed();
        if (offsets.isEmpty()) {
            return;
        }
        AsyncCommit c = new AsyncCommit(offsets, (o, e) -> {
            if (e != null) {
                log.warn("Asynchronous auto-commit of offsets {} failed: {}", o, e.getMessage());
            } else {
                log.debug("Auto-committed offsets {}", o);
            }
        });
        autoCommitInFlight = c;
        asyncCommits.add(c);
        sendWaitingAsyncCommits();
    }

    /** Commits the positions synchronously (before a rebalance, on close); failures are logged, not thrown. */
    public void maybeAutoCommitSync(long deadlineMs) {
        if (!autoCommit) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = subscriptions.allConsumed();
        try {
            commitSync(offsets, deadlineMs, Math.max(0, deadlineMs - System.currentTimeMillis()));
        } catch (io.strand.common.errors.WakeupException | io.strand.common.errors.InterruptException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Synchronous auto-commit of offsets {} failed: {}", offsets, e.getMessage());
        }
    }

    public long nextAutoCommitMs() {
        return autoCommit ? nextAutoCommitMs : Long.MAX_VALUE;
    }

    public void resetAutoCommitTimer(long nowMs) {
        nextAutoCommitMs = nowMs + autoCommitIntervalMs;
    }

    // ---- OffsetCommit ---------------------------------------------------------------------------

    private CompletableFuture<ClientResponse> sendCommit(Node coordinator, Map<TopicPartition, OffsetAndMetadata> offsets) {
        Generation generation;
        if (subscriptions.hasAutoAssignedPartitions()) {
            generation = group.generationIfStable();
            if (generation == null) {
                if (group.rebalanceInProgress()) {
                    throw new RebalanceInProgressException(REBALANCE_IN_PROGRESS_MESSAGE);
                }
                throw notInGroup();
            }
        } else {
            generation = Generation.NO_GENERATION; // assign(): a "simple" commit outside any generation
        }
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
            if (e.getValue().offset() < 0) {
                throw new IllegalArgumentException("Invalid offset " + e.getValue().offset() + " for " + e.getKey());
            }
        }
        Map<String, List<Struct>> byTopic = new LinkedHashMap<>();
        offsets.forEach((tp, om) -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(
            OffsetCommit.Request.Partition.SCHEMA.newStruct()
                .set(OffsetCommit.Request.Partition.PARTITION_INDEX, tp.partition())
                .set(OffsetCommit.Request.Partition.COMMITTED_OFFSET, om.offset())
                .set(OffsetCommit.Request.Partition.COMMITTED_LEADER_EPOCH, om.leaderEpoch().orElse(-1))
                .set(OffsetCommit.Request.Partition.COMMITTED_METADATA, om.metadata())));
        List<Struct> topics = new ArrayList<>();
        byTopic.forEach((t, ps) -> topics.add(OffsetCommit.Request.Topic.SCHEMA.newStruct()
            .set(OffsetCommit.Request.Topic.NAME, t).set(OffsetCommit.Request.Topic.PARTITIONS, ps)));
        Generation g = generation;
        return network.send(coordinator, ApiKeys.OFFSET_COMMIT, version -> OffsetCommit.DEFINITION.newRequest()
            .set(OffsetCommit.Request.GROUP_ID, group.groupId)
            .set(OffsetCommit.Request.GENERATION_ID_OR_MEMBER_EPOCH, g.generationId)
            .set(OffsetCommit.Request.MEMBER_ID, g.memberId)
            .set(OffsetCommit.Request.GROUP_INSTANCE_ID, version >= 7 ? group.groupInstanceId.orElse(null) : null)
            .set(OffsetCommit.Request.TOPICS, topics), requestTimeoutMs);
    }

    private CommitFailedException notInGroup() {
        String reason = group.removalReason();
        return new CommitFailedException("Offset commit cannot be completed since the consumer is not part of an "
            + "active group for auto partition assignment; it is likely that the consumer was kicked out of the group"
            + (reason == null ? "." : ": " + reason));
    }

    /** Null on success, otherwise the error (retriable or not). */
    private RuntimeException handleCommit(Map<TopicPartition, OffsetAndMetadata> offsets,
                                          CompletableFuture<ClientResponse> future) {
        ClientResponse response;
        try {
            response = future.join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof KafkaException && !(cause instanceof RetriableException)) {
                return (KafkaException) cause;
            }
            group.markCoordinatorUnknown("offset commit failed: " + cause);
            return cause instanceof RetriableException ? (RetriableException) cause
                : new io.strand.common.errors.DisconnectException("Offset commit failed: " + cause, cause);
        }
        Set<String> unauthorized = new HashSet<>();
        for (Struct topic : response.body().get(OffsetCommit.Response.TOPICS)) {
            String name = topic.get(OffsetCommit.Response.Topic.NAME);
            for (Struct p : topic.get(OffsetCommit.Response.Topic.PARTITIONS)) {
                Errors error = Errors.forCode(p.getShort(OffsetCommit.Response.Partition.ERROR_CODE));
                if (error == Errors.NONE) {
                    continue;
                }
                TopicPartition tp = new TopicPartition(name, p.getInt(OffsetCommit.Response.Partition.PARTITION_INDEX));
                switch (error) {
                    case GROUP_AUTHORIZATION_FAILED:
                        return new GroupAuthorizationException("Not authorized to commit offsets for group " + group.groupId);
                    case TOPIC_AUTHORIZATION_FAILED:
                        unauthorized.add(tp.topic());
                        break;
                    case OFFSET_METADATA_TOO_LARGE:
                    case INVALID_COMMIT_OFFSET_SIZE:
                        return error.exception("Offset commit of " + tp + " failed: " + error.exception().getMessage());
                    case COORDINATOR_LOAD_IN_PROGRESS:
                    case UNKNOWN_TOPIC_OR_PARTITION:
                        return error.exception("Offset commit of " + tp + " failed: " + error);
                    case COORDINATOR_NOT_AVAILABLE:
                    case NOT_COORDINATOR:
                    case REQUEST_TIMED_OUT:
                        group.markCoordinatorUnknown("offset commit answered " + error);
                        return error.exception("Offset commit of " + tp + " failed: " + error);
                    case FENCED_INSTANCE_ID:
                        return new FencedInstanceIdException("Offset commit failed: another consumer with "
                            + "group.instance.id " + group.groupInstanceId.orElse("") + " fenced this one");
                    case REBALANCE_IN_PROGRESS:
                        group.requestRejoin("offset commit answered REBALANCE_IN_PROGRESS");
                        return new RebalanceInProgressException(REBALANCE_IN_PROGRESS_MESSAGE);
                    case UNKNOWN_MEMBER_ID:
                    case ILLEGAL_GENERATION: {
                        String previous = group.removalReason();
                        group.resetGeneration("offset commit answered " + error, error == Errors.UNKNOWN_MEMBER_ID);
                        return new CommitFailedException("Commit cannot be completed since the group has already "
                            + "rebalanced and assigned the partitions to another member (the coordinator answered "
                            + error + ")" + (previous == null ? "" : "; " + previous) + ". This means that the time "
                            + "between subsequent calls to poll() was longer than the configured max.poll.interval.ms, "
                            + "or the member missed its session.timeout.ms.");
                    }
                    default:
                        return new KafkaException("Unexpected error in commit of " + tp + ": " + error);
                }
            }
        }
        if (!unauthorized.isEmpty()) {
            return new TopicAuthorizationException("Not authorized to commit to topics " + unauthorized);
        }
        return null;
    }

    // ---- committed offsets ----------------------------------------------------------------------

    /**
     * The committed offsets of the partitions (null where none is committed), waiting up to the deadline.
     *
     * @throws TimeoutException if the coordinator does not answer in time
     */
    public Map<TopicPartition, OffsetAndMetadata> fetchCommittedOffsets(Set<TopicPartition> partitions, long deadlineMs,
                                                                       long timeoutMs) {
        if (partitions.isEmpty()) {
            return new HashMap<>();
        }
        return network.call(new CoordinatorCall<Map<TopicPartition, OffsetAndMetadata>>() {
            @Override
            CompletableFuture<ClientResponse> send(Node coordinator) {
                return sendOffsetFetch(coordinator, partitions);
            }

            @Override
            public BlockingCall.Attempt<Map<TopicPartition, OffsetAndMetadata>> handle(
                CompletableFuture<ClientResponse> finished) {
                FetchResult r = handleOffsetFetch(partitions, finished);
                if (r.fatal != null) {
                    return BlockingCall.Attempt.fail(r.fatal);
                }
                return r.retry ? BlockingCall.Attempt.retry(null) : BlockingCall.Attempt.done(r.offsets);
            }

            @Override
            public RuntimeException timeout(RuntimeException last) {
                return new TimeoutException("Timeout of " + timeoutMs + "ms expired before the last committed offsets "
                    + "for partitions " + partitions + " could be determined. Try tuning default.api.timeout.ms "
                    + "larger to relax the threshold.");
            }
        }, deadlineMs, retryBackoffMs);
    }

    /**
     * For partitions just assigned: looks up their committed offsets without blocking and seeks
     * to them; partitions without one get auto.offset.reset. Call on every poll.
     */
    public void refreshCommittedOffsetsIfNeeded(long nowMs) {
        if (positionsFetch != null && positionsFetch.isDone()) {
            FetchResult r = handleOffsetFetch(positionsFetchPartitions, positionsFetch);
            positionsFetch = null;
            if (r.fatal != null) {
                throw r.fatal;
            }
            if (r.retry) {
                positionsFetchRetryAtMs = nowMs + retryBackoffMs;
            } else {
                Set<TopicPartition> still = subscriptions.initializingPartitions();
                r.offsets.forEach((tp, om) -> {
                    if (om != null && still.contains(tp)) {
                        log.info("Setting offset for partition {} to the committed offset {}", tp, om.offset());
                        subscriptions.seek(tp, om.offset(), om.leaderEpoch());
                    }
                });
                subscriptions.resetInitializingPositions();
            }
        }
        Set<TopicPartition> initializing = subscriptions.initializingPartitions();
        if (initializing.isEmpty() || nowMs < positionsFetchRetryAtMs) {
            return;
        }
        if (positionsFetch != null) {
            if (positionsFetchPartitions.containsAll(initializing)) {
                return;
            }
            positionsFetch = null; // outdated by a new assignment; the answer will be ignored
        }
        Node coordinator = group.coordinator();
        if (coordinator == null) {
            group.lookupCoordinator();
            return;
        }
        positionsFetchPartitions = initializing;
        positionsFetch = sendOffsetFetch(coordinator, initializing);
    }

    public long positionsFetchRetryAtMs() {
        return positionsFetch == null ? positionsFetchRetryAtMs : Long.MAX_VALUE;
    }

    private static final class FetchResult {
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        boolean retry;
        KafkaException fatal;
    }

    private CompletableFuture<ClientResponse> sendOffsetFetch(Node coordinator, Set<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        return network.send(coordinator, ApiKeys.OFFSET_FETCH, version -> {
            Struct req = OffsetFetch.DEFINITION.newRequest();
            if (version >= 8) {
                List<Struct> topics = new ArrayList<>();
                byTopic.forEach((t, ps) -> topics.add(OffsetFetch.Request.Topics.SCHEMA.newStruct()
                    .set(OffsetFetch.Request.Topics.NAME, t).set(OffsetFetch.Request.Topics.PARTITION_INDEXES, ps)));
                req.set(OffsetFetch.Request.GROUPS, List.of(OffsetFetch.Request.Group.SCHEMA.newStruct()
                    .set(OffsetFetch.Request.Group.GROUP_ID, group.groupId)
                    .set(OffsetFetch.Request.Group.TOPICS, topics)));
            } else {
                List<Struct> topics = new ArrayList<>();
                byTopic.forEach((t, ps) -> topics.add(OffsetFetch.Request.Topic.SCHEMA.newStruct()
                    .set(OffsetFetch.Request.Topic.NAME, t).set(OffsetFetch.Request.Topic.PARTITION_INDEXES, ps)));
                req.set(OffsetFetch.Request.GROUP_ID, group.groupId).set(OffsetFetch.Request.TOPICS, topics);
            }
            if (version >= 7) {
                // Wait out pending transactional commits rather than read a stale offset.
                req.set(OffsetFetch.Request.REQUIRE_STABLE, true);
            }
            return req;
        }, requestTimeoutMs);
    }

    private FetchResult handleOffsetFetch(Set<TopicPartition> asked, CompletableFuture<ClientResponse> future) {
        FetchResult result = new FetchResult();
        ClientResponse response;
        try {
            response = future.join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            group.markCoordinatorUnknown("offset fetch failed: " + cause);
            result.retry = true;
            return result;
        }
        Struct body = response.body();
        Errors groupError;
        List<Struct> topics;
        boolean grouped = response.version() >= 8;
        if (grouped) {
            List<Struct> groups = body.get(OffsetFetch.Response.GROUPS);
            if (groups.isEmpty()) {
                result.retry = true;
                return result;
            }
            groupError = Errors.forCode(groups.get(0).getShort(OffsetFetch.Response.Group.ERROR_CODE));
            topics = groups.get(0).get(OffsetFetch.Response.Group.TOPICS);
        } else {
            groupError = Errors.forCode(body.getShort(OffsetFetch.Response.ERROR_CODE));
            topics = body.get(OffsetFetch.Response.TOPICS);
        }
        switch (groupError) {
            case NONE:
                break;
            case COORDINATOR_LOAD_IN_PROGRESS:
                result.retry = true;
                return result;
            case COORDINATOR_NOT_AVAILABLE:
            case NOT_COORDINATOR:
                group.markCoordinatorUnknown("offset fetch answered " + groupError);
                result.retry = true;
                return result;
            case GROUP_AUTHORIZATION_FAILED:
                result.fatal = new GroupAuthorizationException("Not authorized to read offsets of group " + group.groupId);
                return result;
            default:
                result.fatal = new KafkaException("Unexpected error fetching committed offsets of group " + group.groupId
                    + ": " + groupError);
                return result;
        }
        Set<String> unauthorized = new HashSet<>();
        for (Struct t : topics) {
            String name = grouped ? t.get(OffsetFetch.Response.Topics.NAME) : t.get(OffsetFetch.Response.Topic.NAME);
            List<Struct> partitions = grouped ? t.get(OffsetFetch.Response.Topics.PARTITIONS)
                : t.get(OffsetFetch.Response.Topic.PARTITIONS);
            for (Struct p : partitions) {
                int index = grouped ? p.getInt(OffsetFetch.Response.Partitions.PARTITION_INDEX)
                    : p.getInt(OffsetFetch.Response.Partition.PARTITION_INDEX);
                long offset = grouped ? p.getLong(OffsetFetch.Response.Partitions.COMMITTED_OFFSET)
                    : p.getLong(OffsetFetch.Response.Partition.COMMITTED_OFFSET);
                int epoch = grouped ? p.getInt(OffsetFetch.Response.Partitions.COMMITTED_LEADER_EPOCH)
                    : p.getInt(OffsetFetch.Response.Partition.COMMITTED_LEADER_EPOCH);
                String metadata = grouped ? p.get(OffsetFetch.Response.Partitions.METADATA)
                    : p.get(OffsetFetch.Response.Partition.METADATA);
                Errors error = Errors.forCode(grouped ? p.getShort(OffsetFetch.Response.Partitions.ERROR_CODE)
                    : p.getShort(OffsetFetch.Response.Partition.ERROR_CODE));
                TopicPartition tp = new TopicPartition(name, index);
                if (!asked.contains(tp)) {
                    continue;
                }
                switch (error) {
                    case NONE:
                        result.offsets.put(tp, offset < 0 ? null
                            : new OffsetAndMetadata(offset, epoch < 0 ? Optional.empty() : Optional.of(epoch), metadata));
                        break;
                    case UNSTABLE_OFFSET_COMMIT:
                        log.debug("Committed offset of {} awaits a transaction's outcome; asking again", tp);
                        result.retry = true;
                        break;
                    case TOPIC_AUTHORIZATION_FAILED:
                        unauthorized.add(tp.topic());
                        break;
                    case UNKNOWN_TOPIC_OR_PARTITION:
                        result.fatal = new KafkaException("Topic or Partition " + tp + " does not exist");
                        return result;
                    default:
                        result.fatal = new KafkaException("Unexpected error fetching the committed offset of " + tp
                            + ": " + error);
                        return result;
                }
            }
        }
        if (!unauthorized.isEmpty()) {
            result.fatal = new TopicAuthorizationException("Not authorized to read committed offsets of " + unauthorized);
        }
        for (TopicPartition tp : asked) {
            result.offsets.putIfAbsent(tp, null);
        }
        return result;
    }
}
