package io.strand.clients.consumer.internals;

import io.strand.clients.consumer.ConsumerRebalanceListener;
import io.strand.clients.consumer.NoOffsetForPartitionException;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.common.IsolationLevel;
import io.strand.common.TopicPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the consumer reads: how it subscribed (topics, a pattern, or partitions it assigned
 * itself, which exclude each other), the partitions assigned to it, and per partition the fetch
 * position and what the last fetch said about the log. Owned by the application thread; nothing
 * else touches it.
 *
 * <p>A partition's position moves through three states: INITIALIZING (just assigned; the group's
 * committed offset must be looked up), AWAIT_RESET (the position must come from ListOffsets, per
 * auto.offset.reset or a seekToBeginning/End) and FETCHING (the position is known).
 */
public final class SubscriptionState {

    private static final String MUTUALLY_EXCLUSIVE =
        "Subscription to topics, partitions and pattern are mutually exclusive";

    enum SubscriptionType { NONE, AUTO_TOPICS, AUTO_PATTERN, USER_ASSIGNED }

    enum FetchState { INITIALIZING, AWAIT_RESET, FETCHING }

    private final AutoOffsetResetStrategy defaultResetStrategy;
    private SubscriptionType type = SubscriptionType.NONE;
    private Pattern pattern;
    private Set<String> subscription = Collections.emptySet();
    /** On the group leader, every member's topics; elsewhere the own subscription. */
    private Set<String> groupSubscription = Collections.emptySet();
    /** Insertion order is fetch order; partitions that returned data move to the end for fairness. */
    private final LinkedHashMap<TopicPartition, PartitionState> assignment = new LinkedHashMap<>();
    private ConsumerRebalanceListener listener;
    /** Bumped on every change of the assignment, so that answers to older requests can be told apart. */
    private int assignmentId;
    /** Source of position epochs, shared by all partitions so that a re-added partition never repeats one. */
    private int positionSequence;

    public SubscriptionState(AutoOffsetResetStrategy defaultResetStrategy) {
        this.defaultResetStrategy = defaultResetStrategy;
    }

    // ---- subscribing ----------------------------------------------------------------------------

    private void setType(SubscriptionType wanted) {
        if (type == SubscriptionType.NONE) {
            type = wanted;
        } else if (type != wanted) {
            throw new IllegalStateException(MUTUALLY_EXCLUSIVE);
        }
    }

    /** @return whether the set of topics changed */
    public boolean subscribe(Set<String> topics, ConsumerRebalanceListener listener) {
        setType(SubscriptionType.AUTO_TOPICS);
        this.listener = listener;
        return changeSubscription(topics);
    }

    public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
        setType(SubscriptionType.AUTO_PATTERN);
        this.listener = listener;
        this.pattern = pattern;
    }

    /** The topics a pattern subscription currently matches. @return whether they changed */
    public boolean subscribeFromPattern(Set<String> topics) {
        if (type != SubscriptionType.AUTO_PATTERN) {
            throw new IllegalStateException("Not subscribed to a pattern");
        }
        return changeSubscription(topics);
    }

    private boolean changeSubscription(Set<String> topics) {
        if (subscription.equals(topics)) {
            return false;
        }
        subscription = Collections.unmodifiableSet(new HashSet<>(topics));
        groupSubscription = subscription;
        return true;
    }

    /** The leader widens what it keeps metadata for to every member's topics. */
    public void groupSubscribe(Collection<String> topics) {
        if (!hasAutoAssignedPartitions()) {
            throw new IllegalStateException(MUTUALLY_EXCLUSIVE);
        }
        Set<String> all = new HashSet<>(subscription);
        all.addAll(topics);
        groupSubscription = Collections.unmodifiableSet(all);
    }

    /** Back to the own subscription after a rebalance in which this member led. */
    public void resetGroupSubscription() {
        groupSubscription = subscription;
    }

    /** @return whether the assignment changed */
    public boolean assignFromUser(Set<TopicPartition> partitions) {
        setType(SubscriptionType.USER_ASSIGNED);
        if (assignment.keySet().equals(partitions)) {
            return false;
        }
        replaceAssignment(partitions);
        Set<String> topics = new HashSet<>();
        for (TopicPartition tp : partitions) {
            topics.add(tp.topic());
        }
        subscription = Collections.emptySet();
        groupSubscription = Collections.unmodifiableSet(topics);
        return true;
    }

    /** The group's assignment; every partition must be of a subscribed topic. */
    public void assignFromSubscribed(Collection<TopicPartition> partitions) {
        if (!hasAutoAssignedPartitions()) {
            throw new IllegalArgumentException("Attempt to dynamically assign partitions while manual assignment in use");
        }
        for (TopicPartition tp : partitions) {
            if (!isSubscribedTopic(tp.topic())) {
                throw new IllegalArgumentException("Assigned partition " + tp + " for non-subscribed topic " + subscription);
            }
        }
        replaceAssignment(new HashSet<>(partitions));
    }

    private boolean isSubscribedTopic(String topic) {
        return subscription.contains(topic) || (pattern != null && pattern.matcher(topic).matches());
    }

    private void replaceAssignment(Set<TopicPartition> partitions) {
        LinkedHashMap<TopicPartition, PartitionState> next = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionState s = assignment.get(tp);
            next.put(tp, s != null ? s : new PartitionState());
        }
        assignment.clear();
        assignment.putAll(next);
        assignmentId++;
    }

    public void unsubscribe() {
        subscription = Collections.emptySet();
        groupSubscription = Collections.emptySet();
        assignment.clear();
        assignmentId++;
        pattern = null;
        listener = null;
        type = SubscriptionType.NONE;
    }

    public boolean hasAutoAssignedPartitions() {
        return type == SubscriptionType.AUTO_TOPICS || type == SubscriptionType.AUTO_PATTERN;
    }

    public boolean hasPatternSubscription() {
        return type == SubscriptionType.AUTO_PATTERN;
    }

    public boolean hasNoSubscriptionOrUserAssignment() {
        return type == SubscriptionType.NONE;
    }

    public boolean isUserAssigned() {
        return type == SubscriptionType.USER_ASSIGNED;
    }

    public Pattern pattern() {
        return pattern;
    }

    public boolean matchesPattern(String topic) {
        return pattern != null && pattern.matcher(topic).matches();
    }

    public Set<String> subscription() {
        return hasAutoAssignedPartitions() ? subscription : Collections.emptySet();
    }

    /** The topics to keep metadata for: the group's on the leader, the own otherwise (assigned topics for assign()). */
    public Set<String> metadataTopics() {
        return groupSubscription;
    }

    public ConsumerRebalanceListener rebalanceListener() {
        return listener;
    }

    public int assignmentId() {
        return assignmentId;
    }

    // ---- the assignment -------------------------------------------------------------------------

    public Set<TopicPartition> assignedPartitions() {
        return Collections.unmodifiableSet(new HashSet<>(assignment.keySet()));
    }

    public List<TopicPartition> assignedPartitionsList() {
        return new ArrayList<>(assignment.keySet());
    }

    public int numAssignedPartitions() {
        return assignment.size();
    }

    public boolean isAssigned(TopicPartition tp) {
        return assignment.containsKey(tp);
    }

    private PartitionState state(TopicPartition tp) {
        PartitionState s = assignment.get(tp);
        if (s == null) {
            throw new IllegalStateException("No current assignment for partition " + tp);
        }
        return s;
    }

    /** Fetch order: partitions that returned data go last, so that one busy partition cannot starve the rest. */
    public void movePartitionToEnd(TopicPartition tp) {
        PartitionState s = assignment.remove(tp);
        if (s != null) {
            assignment.put(tp, s);
        }
    }

    // ---- positions ------------------------------------------------------------------------------

    public void seek(TopicPartition tp, long offset) {
        seek(tp, offset, Optional.empty());
    }

    public void seek(TopicPartition tp, long offset, Optional<Integer> leaderEpoch) {
        PartitionState s = state(tp);
        s.position = offset;
        s.positionEpoch = leaderEpoch;
        s.fetchState = FetchState.FETCHING;
        s.resetStrategy = null;
        s.epoch = ++positionSequence;
    }

    /** Sets the position only if the partition is still assigned and waits for exactly this reset. */
    public void maybeSeekAfterReset(TopicPartition tp, long offset, Optional<Integer> leaderEpoch,
                                    AutoOffsetResetStrategy requested) {
        PartitionState s = assignment.get(tp);
        if (s != null && s.fetchState == FetchState.AWAIT_RESET && s.resetStrategy == requested) {
            seek(tp, offset, leaderEpoch);
        }
    }

    public boolean hasValidPosition(TopicPartition tp) {
        PartitionState s = assignment.get(tp);
        return s != null && s.fetchState == FetchState.FETCHING;
    }

    /** The next offset to fetch, or null if unknown. */
    public Long position(TopicPartition tp) {
        PartitionState s = state(tp);
        return s.fetchState == FetchState.FETCHING ? s.position : null;
    }

    public Optional<Integer> positionLeaderEpoch(TopicPartition tp) {
        return state(tp).positionEpoch;
    }

    /**
     * A counter that changes whenever the position is set from outside the fetch path (seek,
     * reset): a fetch answer whose position no longer applies is dropped.
     */
    public int positionEpoch(TopicPartition tp) {
        return state(tp).epoch;
    }

    /** Advances the position as records are handed out; no effect if a seek moved it meanwhile. */
    public void advance(TopicPartition tp, long nextOffset, Optional<Integer> leaderEpoch) {
        PartitionState s = assignment.get(tp);
        if (s != null && s.fetchState == FetchState.FETCHING) {
            s.position = nextOffset;
            if (leaderEpoch.isPresent()) {
                s.positionEpoch = leaderEpoch;
            }
        }
    }

    public void requestOffsetReset(TopicPartition tp) {
        requestOffsetReset(tp, defaultResetStrategy);
    }

    public void requestOffsetReset(TopicPartition tp, AutoOffsetResetStrategy strategy) {
        PartitionState s = state(tp);
        s.fetchState = FetchState.AWAIT_RESET;
        s.resetStrategy = strategy;
        s.nextResetAttemptMs = 0;
        s.epoch = ++positionSequence;
    }

    public void requestOffsetReset(Collection<TopicPartition> partitions, AutoOffsetResetStrategy strategy) {
        for (TopicPartition tp : partitions) {
            requestOffsetReset(tp, strategy);
        }
    }

    public AutoOffsetResetStrategy defaultResetStrategy() {
        return defaultResetStrategy;
    }

    public boolean hasDefaultResetStrategy() {
        return defaultResetStrategy.type() != AutoOffsetResetStrategy.Type.NONE;
    }

    public AutoOffsetResetStrategy resetStrategy(TopicPartition tp) {
        return state(tp).resetStrategy;
    }

    public boolean isOffsetResetNeeded(TopicPartition tp) {
        return state(tp).fetchState == FetchState.AWAIT_RESET;
    }

    /** Partitions waiting for ListOffsets whose retry backoff has passed. */
    public List<TopicPartition> partitionsNeedingReset(long nowMs) {
        List<TopicPartition> out = new ArrayList<>();
        assignment.forEach((tp, s) -> {
            if (s.fetchState == FetchState.AWAIT_RESET && s.nextResetAttemptMs <= nowMs) {
                out.add(tp);
            }
        });
        return out;
    }

    /** The earliest time a reset waiting out its backoff may be tried again, or Long.MAX_VALUE. */
    public long nextResetAttemptMs() {
        long next = Long.MAX_VALUE;
        for (PartitionState s : assignment.values()) {
            if (s.fetchState == FetchState.AWAIT_RESET) {
                next = Math.min(next, s.nextResetAttemptMs);
            }
        }
        return next;
    }

    public void setNextResetAttempt(Collection<TopicPartition> partitions, long atMs) {
        for (TopicPartition tp : partitions) {
            PartitionState s = assignment.get(tp);
            if (s != null) {
                s.nextResetAttemptMs = atMs;
            }
        }
    }

    /** Just-assigned partitions whose position must come from the group's committed offsets. */
    public Set<TopicPartition> initializingPartitions() {
        Set<TopicPartition> out = new HashSet<>();
        assignment.forEach((tp, s) -> {
            if (s.fetchState == FetchState.INITIALIZING) {
                out.add(tp);
            }
        });
        return out;
    }

    /**
     * Initializing partitions that have no committed offset get the default reset; with
     * auto.offset.reset=none that is an error naming them.
     */
    public void resetInitializingPositions() {
        List<TopicPartition> noPolicy = new ArrayList<>();
        assignment.forEach((tp, s) -> {
            if (s.fetchState == FetchState.INITIALIZING) {
                if (hasDefaultResetStrategy()) {
                    s.fetchState = FetchState.AWAIT_RESET;
                    s.resetStrategy = defaultResetStrategy;
                    s.nextResetAttemptMs = 0;
                } else {
                    noPolicy.add(tp);
                }
            }
        });
        if (!noPolicy.isEmpty()) {
            throw new NoOffsetForPartitionException(noPolicy);
        }
    }

    public boolean hasAllFetchPositions() {
        for (PartitionState s : assignment.values()) {
            if (s.fetchState != FetchState.FETCHING) {
                return false;
            }
        }
        return true;
    }

    /** The position of every partition that has one, as the offsets to commit. */
    public Map<TopicPartition, OffsetAndMetadata> allConsumed() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        assignment.forEach((tp, s) -> {
            if (s.fetchState == FetchState.FETCHING) {
                out.put(tp, new OffsetAndMetadata(s.position, s.positionEpoch, ""));
            }
        });
        return out;
    }

    // ---- fetching -------------------------------------------------------------------------------

    /** Whether to fetch the partition now: assigned, known position, not paused, not being revoked. */
    public boolean isFetchable(TopicPartition tp) {
        PartitionState s = assignment.get(tp);
        return s != null && s.fetchState == FetchState.FETCHING && !s.paused && !s.pendingRevocation;
    }

    /** The fetchable partitions in fetch order. */
    public List<TopicPartition> fetchablePartitions() {
        List<TopicPartition> out = new ArrayList<>(assignment.size());
        assignment.forEach((tp, s) -> {
            if (s.fetchState == FetchState.FETCHING && !s.paused && !s.pendingRevocation) {
                out.add(tp);
            }
        });
        return out;
    }

    public void pause(TopicPartition tp) {
        state(tp).paused = true;
    }

    public void resume(TopicPartition tp) {
        state(tp).paused = false;
    }

    public boolean isPaused(TopicPartition tp) {
        PartitionState s = assignment.get(tp);
        return s != null && s.paused;
    }

    public Set<TopicPartition> pausedPartitions() {
        Set<TopicPartition> out = new HashSet<>();
        assignment.forEach((tp, s) -> {
            if (s.paused) {
                out.add(tp);
            }
        });
        return out;
    }

    /** Stops fetching partitions that a cooperative rebalance takes away, before the listener runs. */
    public void markPendingRevocation(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionState s = assignment.get(tp);
            if (s != null) {
                s.pendingRevocation = true;
            }
        }
    }

    /** What a fetch said about the log; negative values (not sent by older brokers) leave the old ones. */
    public void updateLogOffsets(TopicPartition tp, long highWatermark, long lastStableOffset, long logStartOffset) {
        PartitionState s = assignment.get(tp);
        if (s == null) {
            return;
        }
        if (highWatermark >= 0) {
            s.highWatermark = highWatermark;
        }
        if (lastStableOffset >= 0) {
            s.lastStableOffset = lastStableOffset;
        }
        if (logStartOffset >= 0) {
            s.logStartOffset = logStartOffset;
        }
    }

    /** Records between the position and the end the consumer may read; null while unknown. */
    public Long partitionLag(TopicPartition tp, IsolationLevel isolationLevel) {
        PartitionState s = assignment.get(tp);
        if (s == null || s.fetchState != FetchState.FETCHING) {
            return null;
        }
        long end = isolationLevel == IsolationLevel.READ_COMMITTED ? s.lastStableOffset : s.highWatermark;
        return end < 0 ? null : end - s.position;
    }

    /** Per-partition state; fields are read and written by the application thread only. */
    private static final class PartitionState {
        FetchState fetchState = FetchState.INITIALIZING;
        long position = -1;
        Optional<Integer> positionEpoch = Optional.empty();
        AutoOffsetResetStrategy resetStrategy;
        long nextResetAttemptMs;
        int epoch;
        boolean paused;
        boolean pendingRevocation;
        long highWatermark = -1;
        long lastStableOffset = -1;
        long logStartOffset = -1;
    }
}
