package io.strand.broker.internals.group;

import io.strand.common.TopicPartition;
import io.strand.common.protocol.Errors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OffsetCommit and OffsetFetch on top of the {@link OffsetStore}, and the retention of offsets:
 * which commits a group accepts, and when the offsets of a group without members expire.
 */
final class OffsetManager {

    private static final Logger log = LoggerFactory.getLogger(OffsetManager.class);

    /** One partition of an OffsetCommit request. */
    record PartitionCommit(TopicPartition partition, long offset, int leaderEpoch, String metadata) {
    }

    private final GroupConfig config;
    private final GroupScheduler scheduler;
    private final GroupRegistry groups;
    private final OffsetStore store;
    private final TopicLookup topics;
    private final GroupMembership membership;

    OffsetManager(GroupConfig config, GroupScheduler scheduler, GroupRegistry groups, OffsetStore store,
                  TopicLookup topics, GroupMembership membership) {
        this.config = config;
        this.scheduler = scheduler;
        this.groups = groups;
        this.store = store;
        this.topics = topics;
        this.membership = membership;
    }

    /**
     * Commits what it may and answers each partition, in request order.
     *
     * @param generationId -1 (with an empty member id) for a commit from outside group management
     * @param retentionMs  the committer's own retention (v2-4), or -1 for the broker's
     */
    List<Errors> commit(String groupId, int generationId, String memberId, String groupInstanceId, long retentionMs,
                        short version, List<PartitionCommit> partitions) {
        Errors[] results = new Errors[partitions.size()];
        boolean anyKnown = false;
        for (int i = 0; i < results.length; i++) {
            if (!partitionExists(partitions.get(i).partition())) {
                results[i] = Errors.UNKNOWN_TOPIC_OR_PARTITION;
            } else {
                anyKnown = true;
            }
        }
        if (!anyKnown) {
            return List.of(results);
        }
        ClassicGroup group = groups.lockExisting(groupId);
        if (group == null) {
            if (generationId >= 0) {
                // v9+ says what is wrong; older clients only know ILLEGAL_GENERATION for it.
                fill(results, version >= 9 ? Errors.GROUP_ID_NOT_FOUND : Errors.ILLEGAL_GENERATION);
                return List.of(results);
            }
            // A consumer using assign(), or an admin tool: the group only stores offsets.
            group = groups.lockOrCreate(groupId);
        }
        try {
            Errors error = validateCommit(group, generationId, memberId, groupInstanceId);
            if (error != Errors.NONE) {
                fill(results, error);
                return List.of(results);
            }
            membership.touch(group, memberId);
            long now = scheduler.nowMs();
            long expire = retentionMs == -1 ? -1 : now + retentionMs;
            Map<TopicPartition, CommittedOffset> accepted = new LinkedHashMap<>();
            List<Integer> acceptedIndexes = new ArrayList<>();
            for (int i = 0; i < results.length; i++) {
                if (results[i] != null) {
                    continue;
                }
                PartitionCommit p = partitions.get(i);
                String metadata = p.metadata() == null ? "" : p.metadata();
                if (metadata.length() > config.offsetMetadataMaxBytes()) {
                    results[i] = Errors.OFFSET_METADATA_TOO_LARGE;
                    continue;
                }
                accepted.put(p.partition(), new CommittedOffset(p.offset(), p.leaderEpoch(), metadata, now, expire));
                acceptedIndexes.add(i);
            }
            Errors outcome = Errors.NONE;
            try {
                store.commit(groupId, accepted);
            } catch (IOException e) {
                log.error("Could not store offsets of group {}", groupId, e);
                outcome = Errors.UNKNOWN_SERVER_ERROR;
            }
            for (int i : acceptedIndexes) {
                results[i] = outcome;
            }
            if (membership.isUnused(group)) {
                groups.removeLocked(group);
            }
        } finally {
            group.unlock();
        }
        return List.of(results);
    }

    /** Who may commit to a group, as Kafka decides it for the classic protocol. */
    private static Errors validateCommit(ClassicGroup group, int generationId, String memberId,
                                         String groupInstanceId) {
        if (generationId < 0 && group.is(GroupState.EMPTY)) {
            return Errors.NONE;
        }
        if (generationId >= 0 || !memberId.isEmpty() || groupInstanceId != null) {
            Errors error = GroupMembership.validateMember(group, memberId, groupInstanceId);
            if (error != Errors.NONE) {
                return error;
            }
            if (generationId != group.generationId) {
                return Errors.ILLEGAL_GENERATION;
            }
        } else if (!group.is(GroupState.EMPTY)) {
            // Without member id and generation, only a group without members takes commits.
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            // A valid member that has its JoinGroup answer but not its assignment yet: let it retry after sync.
            return Errors.REBALANCE_IN_PROGRESS;
        }
        return Errors.NONE;
    }

    private boolean partitionExists(TopicPartition tp) {
        int count = topics.partitionCount(tp.topic());
        return tp.partition() >= 0 && tp.partition() < count;
    }

    private static void fill(Errors[] results, Errors error) {
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                results[i] = error;
            }
        }
    }

    /** What OffsetDelete answers: a group-level error, or one error per partition in request order. */
    record DeleteOutcome(Errors error, List<Errors> partitions) {
    }

    /**
     * Deletes committed offsets, as Kafka allows it: from a group without members, or from a
     * consumer group only for topics none of its members subscribes to.
     */
    DeleteOutcome deleteOffsets(String groupId, List<TopicPartition> partitions) {
        ClassicGroup group = groups.lockExisting(groupId);
        if (group == null) {
            return new DeleteOutcome(Errors.GROUP_ID_NOT_FOUND, List.of());
        }
        try {
            boolean consumerGroup = ConsumerSubscription.PROTOCOL_TYPE.equals(group.protocolType);
            if (!group.is(GroupState.EMPTY) && !consumerGroup) {
                return new DeleteOutcome(Errors.NON_EMPTY_GROUP, List.of());
            }
            Set<String> subscribed = subscribedTopics(group);
            List<Errors> results = new ArrayList<>(partitions.size());
            List<TopicPartition> deletable = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                if (!partitionExists(tp)) {
                    results.add(Errors.UNKNOWN_TOPIC_OR_PARTITION);
                } else if (subscribed.contains(tp.topic())) {
                    results.add(Errors.GROUP_SUBSCRIBED_TO_TOPIC);
                } else {
                    results.add(Errors.NONE);
                    deletable.add(tp);
                }
            }
            try {
                store.remove(groupId, deletable);
            } catch (IOException e) {
                log.error("Could not delete offsets of group {}", groupId, e);
                results.replaceAll(err -> err == Errors.NONE ? Errors.UNKNOWN_SERVER_ERROR : err);
            }
            if (membership.isUnused(group)) {
                groups.removeLocked(group);
            }
            return new DeleteOutcome(Errors.NONE, results);
        } finally {
            group.unlock();
        }
    }

    /** The topics the members of the current generation subscribe to; none if they are not consumers. */
    private static Set<String> subscribedTopics(ClassicGroup group) {
        Set<String> topics = new HashSet<>();
        if (!ConsumerSubscription.PROTOCOL_TYPE.equals(group.protocolType) || group.protocolName == null) {
            return topics;
        }
        for (GroupMember m : group.members()) {
            try {
                topics.addAll(ConsumerSubscription.topics(m.metadata(group.protocolName)));
            } catch (IllegalArgumentException e) {
                // Kafka treats an unreadable subscription as "subscribed to nothing it knows of".
                log.warn("Member {} of group {} sent a subscription that cannot be read: {}", m.memberId,
                    group.groupId, e.getMessage());
                return Set.of();
            }
        }
        return topics;
    }

    /** The offset of one partition, or null if the group has none there. */
    CommittedOffset fetch(String groupId, TopicPartition tp) {
        return store.get(groupId, tp);
    }

    /** Every offset of the group, ordered by topic and partition. */
    Map<TopicPartition, CommittedOffset> fetchAll(String groupId) {
        return store.all(groupId);
    }

    // ---- retention --------------------------------------------------------------------------

    /**
     * Expires offsets as Kafka does (KIP-211): a group with members keeps its offsets; a consumer
     * group without members loses them a retention period after it became empty; a group that
     * only stores offsets loses each a retention period after its commit. A group left with
     * neither members nor offsets is removed.
     */
    void expireOffsetsAndGroups() {
        long now = scheduler.nowMs();
        long retention = config.offsetsRetentionMs();
        for (ClassicGroup snapshot : groups.snapshot()) {
            ClassicGroup group = groups.lockExisting(snapshot.groupId);
            if (group == null) {
                continue;
            }
            try {
                Predicate<CommittedOffset> expired = null;
                if (group.protocolType == null) {
                    expired = o -> deadline(o, o.commitTimestampMs(), retention) <= now;
                } else if (group.is(GroupState.EMPTY)) {
                    long emptySince = group.stateTimestampMs();
                    expired = o -> deadline(o, emptySince, retention) <= now;
                }
                if (expired != null) {
                    int n = store.expire(group.groupId, expired);
                    if (n > 0) {
                        log.info("Expired {} offsets of group {}", n, group.groupId);
                    }
                }
                if (membership.isUnused(group)) {
                    groups.removeLocked(group);
                }
            } catch (IOException e) {
                log.warn("Could not expire offsets of group {}", group.groupId, e);
            } finally {
                group.unlock();
            }
        }
    }

    private static long deadline(CommittedOffset o, long base, long retention) {
        return o.expireTimestampMs() != -1 ? o.expireTimestampMs() : base + retention;
    }

    /** Drops the offsets every group has for a deleted topic. */
    List<String> onTopicDeleted(String topic) {
        try {
            return store.deleteTopic(topic);
        } catch (IOException e) {
            log.warn("Could not delete offsets of topic {}", topic, e);
            return Collections.emptyList();
        }
    }
}
