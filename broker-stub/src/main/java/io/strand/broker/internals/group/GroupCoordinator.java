package io.strand.broker.internals.group;

import io.strand.broker.internals.ApiHandler;
import io.strand.common.protocol.ApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled broker's coordinator of classic consumer groups: the group protocol (JoinGroup,
 * SyncGroup, Heartbeat, LeaveGroup, with static membership and the member-id handshake of
 * KIP-394), committed offsets (OffsetCommit, OffsetFetch, OffsetDelete), and DescribeGroups,
 * ListGroups and DeleteGroups, in every version the protocol module defines. It is
 * protocol-agnostic: assignments are opaque to it, so every assignor, cooperative ones included,
 * works; it reads consumers' subscriptions only so that OffsetDelete spares subscribed topics.
 *
 * <h2>Use</h2>
 * <pre>
 *   GroupCoordinator groups = new GroupCoordinator(GroupConfig.defaults(), executor,
 *       topic -&gt; log.partitionCount(topic), groupId -&gt; nodeId, dataDirOrNull);
 *   groups.handlers().forEach(server::register);   // ten API keys
 *   ...
 *   groups.onTopicDeleted("orders");               // offsets of a deleted topic go too
 *   groups.close();                                // answers waiting requests, compacts the offsets file
 * </pre>
 * <ul>
 *   <li>{@code scheduler}: timers (rebalance delay and timeout, session expiry, offset retention)
 *       and the clock. Pass a {@link ScheduledExecutorService} (the caller owns it and shuts it
 *       down after {@link #close()}), or a {@link GroupScheduler} of your own, e.g. a manual clock
 *       in tests.</li>
 *   <li>{@code topics}: partition counts, so commits to partitions that do not exist get
 *       UNKNOWN_TOPIC_OR_PARTITION.</li>
 *   <li>{@code coordinatorNodeForGroup}: the node that coordinates a group. Requests that reach
 *       any other node get NOT_COORDINATOR, and ListGroups lists only the node's own groups, so
 *       one coordinator can serve several nodes of one process.</li>
 *   <li>{@code dataDir}: null keeps offsets in memory. Otherwise committed offsets are appended to
 *       {@code dataDir/__consumer_offsets/offsets.log} before they are acknowledged and reloaded
 *       on start (groups come back Empty: membership itself is not persisted, members rejoin).</li>
 * </ul>
 *
 * <h2>Threads and locks</h2>
 * Handlers run on the caller's thread (a Netty event loop) and never block on I/O other than the
 * append of a commit to the offsets file; JoinGroup and SyncGroup futures complete later, on
 * whichever thread completes the rebalance (another request's, or a timer's). Locks, always
 * taken in this order and never the other way:
 * <ol>
 *   <li>one lock per group ({@code ClassicGroup}), held for a whole request or timer on that group;
 *       never two group locks at once;</li>
 *   <li>the offset store's monitor, innermost, which calls out to nothing.</li>
 * </ol>
 * (The coordinator's own monitor guards only the handle of the retention timer, and is never
 * held with another.)
 * The group map is a concurrent map, read without locks. Futures are completed, and so responses
 * written, only after the group lock is released.
 */
public final class GroupCoordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCoordinator.class);

    /** The APIs {@link #handlers()} serves. */
    public static final Set<ApiKeys> APIS = Collections.unmodifiableSet(EnumSet.of(ApiKeys.JOIN_GROUP,
        ApiKeys.SYNC_GROUP, ApiKeys.HEARTBEAT, ApiKeys.LEAVE_GROUP, ApiKeys.OFFSET_COMMIT, ApiKeys.OFFSET_FETCH,
        ApiKeys.OFFSET_DELETE, ApiKeys.DESCRIBE_GROUPS, ApiKeys.LIST_GROUPS, ApiKeys.DELETE_GROUPS));

    private final GroupScheduler scheduler;
    private final OffsetStore store;
    private final GroupMembership membership;
    private final OffsetManager offsets;
    private final Map<ApiKeys, ApiHandler> handlers;
    private final long retentionCheckIntervalMs;
    private volatile boolean closed;
    private GroupScheduler.Cancellable retentionTimer;

    public GroupCoordinator(GroupConfig config, ScheduledExecutorService scheduler, TopicLookup topics,
                            ToIntFunction<String> coordinatorNodeForGroup, Path dataDirOrNull) {
        this(config, GroupScheduler.of(scheduler), topics, coordinatorNodeForGroup, dataDirOrNull);
    }

    /** @throws UncheckedIOException if the offsets under {@code dataDirOrNull} cannot be read */
    public GroupCoordinator(GroupConfig config, GroupScheduler scheduler, TopicLookup topics,
                            ToIntFunction<String> coordinatorNodeForGroup, Path dataDirOrNull) {
        this(config, scheduler, topics, coordinatorNodeForGroup, dataDirOrNull,
            OffsetStore.DEFAULT_COMPACTION_MIN_RECORDS);
    }

    GroupCoordinator(GroupConfig config, GroupScheduler scheduler, TopicLookup topics,
                     ToIntFunction<String> coordinatorNodeForGroup, Path dataDirOrNull, long compactionMinRecords) {
        this.scheduler = scheduler;
        this.retentionCheckIntervalMs = config.offsetsRetentionCheckIntervalMs();
        try {
            this.store = dataDirOrNull == null ? OffsetStore.inMemory()
                : OffsetStore.open(dataDirOrNull, compactionMinRecords);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load committed offsets from " + dataDirOrNull, e);
        }
        GroupRegistry groups = new GroupRegistry(scheduler);
        store.groupIds().forEach(groups::addLoaded);
        GroupOwnership ownership = new GroupOwnership(coordinatorNodeForGroup);
        this.membership = new GroupMembership(config, scheduler, groups, store::hasOffsets);
        this.offsets = new OffsetManager(config, scheduler, groups, store, topics, membership);
        MembershipApis membershipApis = new MembershipApis(membership, ownership);
        OffsetApis offsetApis = new OffsetApis(offsets, ownership, membership);
        AdminApis adminApis = new AdminApis(new GroupAdmin(groups, store), ownership);

        Map<ApiKeys, ApiHandler> map = new EnumMap<>(ApiKeys.class);
        map.put(ApiKeys.JOIN_GROUP, guarded(membershipApis::joinGroup));
        map.put(ApiKeys.SYNC_GROUP, guarded(membershipApis::syncGroup));
        map.put(ApiKeys.HEARTBEAT, guarded(membershipApis::heartbeat));
        map.put(ApiKeys.LEAVE_GROUP, guarded(membershipApis::leaveGroup));
        map.put(ApiKeys.OFFSET_COMMIT, guarded(offsetApis::offsetCommit));
        map.put(ApiKeys.OFFSET_FETCH, guarded(offsetApis::offsetFetch));
        map.put(ApiKeys.OFFSET_DELETE, guarded(offsetApis::offsetDelete));
        map.put(ApiKeys.DESCRIBE_GROUPS, guarded(adminApis::describeGroups));
        map.put(ApiKeys.LIST_GROUPS, guarded(adminApis::listGroups));
        map.put(ApiKeys.DELETE_GROUPS, guarded(adminApis::deleteGroups));
        if (!map.keySet().equals(APIS)) {
            throw new IllegalStateException("Group handlers " + map.keySet() + " differ from APIS " + APIS);
        }
        this.handlers = Map.copyOf(map);
        scheduleRetentionCheck();
    }

    /**
     * Handlers for JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch,
     * OffsetDelete, DescribeGroups, ListGroups and DeleteGroups: {@link #APIS}.
     */
    public Map<ApiKeys, ApiHandler> handlers() {
        return handlers;
    }

    /** Drops every group's committed offsets of a topic the broker deleted. */
    public void onTopicDeleted(String topic) {
        List<String> affected = offsets.onTopicDeleted(topic);
        if (!affected.isEmpty()) {
            log.info("Removed offsets of deleted topic {} from groups {}", topic, affected);
        }
    }

    /**
     * Answers every waiting JoinGroup and SyncGroup with NOT_COORDINATOR, stops the timers, and
     * compacts and closes the offsets file. Later requests get NOT_COORDINATOR.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (this) {
            if (retentionTimer != null) {
                retentionTimer.cancel();
            }
        }
        membership.close();
        try {
            store.close();
        } catch (IOException e) {
            log.warn("Could not close the offsets log cleanly; it will be recovered on the next start", e);
        }
    }

    private synchronized void scheduleRetentionCheck() {
        if (closed) {
            return;
        }
        retentionTimer = scheduler.schedule(() -> {
            try {
                if (!closed) {
                    offsets.expireOffsetsAndGroups();
                }
            } catch (RuntimeException e) {
                log.error("Offset retention check failed", e);
            } finally {
                scheduleRetentionCheck();
            }
        }, retentionCheckIntervalMs);
    }

    /** A handler whose bugs fail the future (closing the connection) instead of escaping to the event loop. */
    private static ApiHandler guarded(ApiHandler handler) {
        return (ctx, request) -> {
            try {
                return handler.handle(ctx, request);
            } catch (RuntimeException e) {
                log.error("{} v{} failed", ctx.api(), ctx.apiVersion(), e);
                return CompletableFuture.failedFuture(e);
            }
        };
    }
}
