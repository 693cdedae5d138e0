package io.strand.clients.consumer.internals;

import io.strand.clients.internals.metadata.Metadata;
import io.strand.clients.internals.network.ClientResponse;
import io.strand.clients.internals.network.RequestBuilder;
import io.strand.common.Cluster;
import io.strand.common.IsolationLevel;
import io.strand.common.Node;
import io.strand.common.TopicPartition;
import io.strand.common.errors.TimeoutException;
import io.strand.common.errors.TopicAuthorizationException;
import io.strand.common.message.ListOffsets;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.Collection;
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
 * ListOffsets: resets positions in the background of poll (auto.offset.reset, seekToBeginning,
 * seekToEnd) and answers offsetsForTimes, beginningOffsets and endOffsets, each request going
 * to the partition's leader. Runs on the application thread.
 */
public final class OffsetFetcher {

    private static final Logger log = LoggerFactory.getLogger(OffsetFetcher.class);

    /** One partition's answer: the offset, the timestamp it was found for, the leader epoch. */
    public static final class ListOffsetResult {
        public final long offset;
        public final long timestamp;
        public final Optional<Integer> leaderEpoch;

        ListOffsetResult(long offset, long timestamp, Optional<Integer> leaderEpoch) {
            this.offset = offset;
            this.timestamp = timestamp;
            this.leaderEpoch = leaderEpoch;
        }
    }

    /** A ListOffsets to one leader for some partitions, each with its timestamp. */
    private static final class Round {
        final Map<TopicPartition, Long> timestamps;
        final CompletableFuture<ClientResponse> future;

        Round(Map<TopicPartition, Long> timestamps, CompletableFuture<ClientResponse> future) {
            this.timestamps = timestamps;
            this.future = future;
        }
    }

    /** The outcome of handling a round. */
    private static final class Outcome {
        final Map<TopicPartition, ListOffsetResult> found = new HashMap<>();
        /** Partitions the broker knows no offset for (timestamp after the last record, old message format). */
        final Set<TopicPartition> none = new HashSet<>();
        final Set<TopicPartition> retry = new HashSet<>();
        RuntimeException fatal;
    }

    private final Metadata metadata;
    private final SubscriptionState subscriptions;
    private final ConsumerNetworkClient network;
    private final IsolationLevel isolationLevel;
    private final long retryBackoffMs;
    private final long requestTimeoutMs;
    /** Resets in flight, with the strategy each asked for. */
    private final List<Round> resets = new ArrayList<>();
    private final Map<TopicPartition, AutoOffsetResetStrategy> resetStrategies = new HashMap<>();

    public OffsetFetcher(Metadata metadata, SubscriptionState subscriptions, ConsumerNetworkClient network,
                         IsolationLevel isolationLevel, long retryBackoffMs, long requestTimeoutMs) {
        this.metadata = metadata;
        this.subscriptions = subscriptions;
        this.network = network;
        this.isolationLevel = isolationLevel;
        this.retryBackoffMs = retryBackoffMs;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    // ---- resets, without blocking -------------------------------------------------------------

    /** Handles finished resets and sends ListOffsets for partitions awaiting one. */
    public void resetPositionsIfNeeded(long nowMs) {
        Iterator<Round> it = resets.iterator();
        RuntimeException fatal = null;
        while (it.hasNext()) {
            Round r = it.next();
            if (!r.future.isDone()) {
                continue;
            }
            it.remove();
            Outcome o = handle(r);
            o.found.forEach((tp, result) -> {
                AutoOffsetResetStrategy strategy = resetStrategies.remove(tp);
                if (strategy != null) {
                    log.info("Resetting offset for partition {} to position {} ({})", tp, result.offset, strategy);
                    subscriptions.maybeSeekAfterReset(tp, result.offset, result.leaderEpoch, strategy);
                }
            });
            Set<TopicPartition> again = new HashSet<>(o.retry);
            for (TopicPartition tp : o.none) {
                // No record at or after the time by_duration asked for: the end of the log, as Kafka does.
                AutoOffsetResetStrategy strategy = resetStrategies.remove(tp);
                if (strategy != null && strategy.type() == AutoOffsetResetStrategy.Type.BY_DURATION
                    && subscriptions.isAssigned(tp) && subscriptions.resetStrategy(tp) == strategy) {
                    subscriptions.requestOffsetReset(tp, AutoOffsetResetStrategy.LATEST);
                } else {
                    again.add(tp);
                }
            }
            for (TopicPartition tp : again) {
                resetStrategies.remove(tp);
            }
            subscriptions.setNextResetAttempt(again, nowMs + retryBackoffMs);
            if (o.fatal != null && fatal == null) {
                fatal = o.fatal;
            }
        }
        if (fatal != null) {
            throw fatal;
        }
        Map<TopicPartition, Long> needed = new LinkedHashMap<>();
        for (TopicPartition tp : subscriptions.partitionsNeedingReset(nowMs)) {
            if (!resetStrategies.containsKey(tp)) {
                AutoOffsetResetStrategy strategy = subscriptions.resetStrategy(tp);
                resetStrategies.put(tp, strategy);
                needed.put(tp, strategy.timestamp(nowMs));
            }
        }
        if (needed.isEmpty()) {
            return;
        }
        Set<TopicPartition> unsent = sendRounds(needed, resets);
        for (TopicPartition tp : unsent) {
            resetStrategies.remove(tp);
        }
        subscriptions.setNextResetAttempt(unsent, nowMs + retryBackoffMs);
    }

    // ---- lookups that block up to a deadline ----------------------------------------------------

    /**
     * The offsets for the timestamps (or the -1/-2 sentinels); partitions without one map to null.
     *
     * @throws TimeoutException if some partition has no answer by the deadline
     */
    public Map<TopicPartition, ListOffsetResult> fetchOffsetsByTimes(Map<TopicPartition, Long> timestamps,
                                                                     long deadlineMs, String what) {
        Map<TopicPartition, ListOffsetResult> result = new HashMap<>();
        Map<TopicPartition, Long> remaining = new HashMap<>(timestamps);
        metadata.addTopics(topicsOf(remaining.keySet()));
        List<Round> rounds = new ArrayList<>();
        long nextSendMs = 0;
        while (true) {
            network.maybeTriggerWakeup();
            long seen = network.events();
            long now = System.currentTimeMillis();
            for (Iterator<Round> it = rounds.iterator(); it.hasNext(); ) {
                Round r = it.next();
                if (!r.future.isDone()) {
                    continue;
                }
                it.remove();
                Outcome o = handle(r);
                if (o.fatal != null) {
                    throw o.fatal;
                }
                result.putAll(o.found);
                for (TopicPartition tp : o.none) {
                    result.put(tp, null);
                    remaining.remove(tp);
                }
                remaining.keySet().removeAll(o.found.keySet());
                if (!o.retry.isEmpty()) {
                    nextSendMs = now + retryBackoffMs;
                }
            }
            if (remaining.isEmpty()) {
                return result;
            }
            if (now >= deadlineMs) {
                throw new TimeoutException("Failed to get offsets by times in " + what + " for partitions "
                    + remaining.keySet() + ": no answer from their leaders in time");
            }
            if (rounds.isEmpty() && now >= nextSendMs) {
                Map<TopicPartition, Long> toSend = new HashMap<>(remaining);
                Set<TopicPartition> unsent = sendRounds(toSend, rounds);
                if (!unsent.isEmpty()) {
                    nextSendMs = now + retryBackoffMs;
                    network.watch(metadata.nextAttempt());
                }
            }
            long wait = deadlineMs - now;
            if (rounds.isEmpty()) {
                wait = Math.min(wait, Math.max(1, nextSendMs - now));
            }
            network.awaitEvent(seen, wait);
        }
    }

    // ---- shared ---------------------------------------------------------------------------------

    private static Set<String> topicsOf(Collection<TopicPartition> partitions) {
        Set<String> out = new HashSet<>();
        for (TopicPartition tp : partitions) {
            out.add(tp.topic());
        }
        return out;
    }

    /** Sends one request per leader; returns the partitions whose leader is unknown or unreachable. */
    private Set<TopicPartition> sendRounds(Map<TopicPartition, Long> timestamps, List<Round> into) {
        Cluster cluster = metadata.fetch();
        Map<Node, Map<TopicPartition, Long>> byLeader = new LinkedHashMap<>();
        Set<TopicPartition> unsent = new HashSet<>();
        for (Map.Entry<TopicPartition, Long> e : timestamps.entrySet()) {
            Node leader = cluster.leaderFor(e.getKey());
            if (leader == null || leader.isEmpty() || network.isUnreachable(leader)) {
                unsent.add(e.getKey());
            } else {
                byLeader.computeIfAbsent(leader, n -> new LinkedHashMap<>()).put(e.getKey(), e.getValue());
            }
        }
        if (!unsent.isEmpty()) {
            metadata.requestUpdate();
        }
        byLeader.forEach((node, partitions) -> into.add(new Round(partitions,
            network.send(node, ApiKeys.LIST_OFFSETS, builder(partitions), requestTimeoutMs))));
        return unsent;
    }

    private RequestBuilder builder(Map<TopicPartition, Long> timestamps) {
        Map<String, List<Struct>> byTopic = new LinkedHashMap<>();
        timestamps.forEach((tp, ts) -> {
            Integer epoch = metadata.leaderEpoch(tp);
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(
                ListOffsets.Request.ListOffsetsPartition.SCHEMA.newStruct()
                    .set(ListOffsets.Request.ListOffsetsPartition.PARTITION_INDEX, tp.partition())
                    .set(ListOffsets.Request.ListOffsetsPartition.CURRENT_LEADER_EPOCH, epoch == null ? -1 : epoch)
                    .set(ListOffsets.Request.ListOffsetsPartition.TIMESTAMP, ts));
        });
        List<Struct> topics = new ArrayList<>();
        byTopic.forEach((t, ps) -> topics.add(ListOffsets.Request.ListOffsetsTopic.SCHEMA.newStruct()
            .set(ListOffsets.Request.ListOffsetsTopic.NAME, t)
            .set(ListOffsets.Request.ListOffsetsTopic.PARTITIONS, ps)));
        // read_committed needs isolation levels, which ListOffsets has from v2.
        short oldest = isolationLevel == IsolationLevel.READ_COMMITTED ? 2 : ApiKeys.LIST_OFFSETS.oldestVersion();
        return RequestBuilder.ofVersions(oldest, ApiKeys.LIST_OFFSETS.latestVersion(), version -> {
            Struct req = ListOffsets.DEFINITION.newRequest()
                .set(ListOffsets.Request.REPLICA_ID, -1)
                .set(ListOffsets.Request.TOPICS, topics);
            if (version >= 2) {
                req.setByte(ListOffsets.Request.ISOLATION_LEVEL, isolationLevel.id());
            }
            req.set(ListOffsets.Request.TIMEOUT_MS, (int) requestTimeoutMs);
            return req;
        });
    }

    private Outcome handle(Round r) {
        Outcome o = new Outcome();
        ClientResponse response;
        try {
            response = r.future.join();
        } catch (RuntimeException e) {
            log.debug("ListOffsets failed: {}", e.getCause() != null ? e.getCause() : e);
            o.retry.addAll(r.timestamps.keySet());
            metadata.requestUpdate();
            return o;
        }
        Set<TopicPartition> answered = new HashSet<>();
        for (Struct topic : response.body().get(ListOffsets.Response.TOPICS)) {
            String name = topic.get(ListOffsets.Response.ListOffsetsTopicResponse.NAME);
            for (Struct p : topic.get(ListOffsets.Response.ListOffsetsTopicResponse.PARTITIONS)) {
                TopicPartition tp = new TopicPartition(name,
                    p.getInt(ListOffsets.Response.ListOffsetsPartitionResponse.PARTITION_INDEX));
                if (!r.timestamps.containsKey(tp)) {
                    continue;
                }
                answered.add(tp);
                Errors error = Errors.forCode(p.getShort(ListOffsets.Response.ListOffsetsPartitionResponse.ERROR_CODE));
                switch (error) {
                    case NONE: {
                        long offset = p.getLong(ListOffsets.Response.ListOffsetsPartitionResponse.OFFSET);
                        if (offset < 0) {
                            o.none.add(tp);
                        } else {
                            int epoch = p.getInt(ListOffsets.Response.ListOffsetsPartitionResponse.LEADER_EPOCH);
                            long ts = p.getLong(ListOffsets.Response.ListOffsetsPartitionResponse.TIMESTAMP);
                            o.found.put(tp, new ListOffsetResult(offset, ts,
                                epoch < 0 ? Optional.empty() : Optional.of(epoch)));
                        }
                        break;
                    }
                    case UNSUPPORTED_FOR_MESSAGE_FORMAT:
                        o.none.add(tp);
                        break;
                    case TOPIC_AUTHORIZATION_FAILED:
                        o.fatal = new TopicAuthorizationException("Not authorized to list offsets of topic " + tp.topic());
                        break;
                    default:
                        log.debug("ListOffsets for {} answered {}; retrying", tp, error);
                        o.retry.add(tp);
                        if (error.exception(null) instanceof io.strand.common.errors.InvalidMetadataException
                            || error == Errors.UNKNOWN_TOPIC_OR_PARTITION) {
                            metadata.requestUpdate();
                        }
                }
            }
        }
        for (TopicPartition tp : r.timestamps.keySet()) {
            if (!answered.contains(tp)) {
                o.retry.add(tp);
            }
        }
        return o;
    }

    /** For close: nothing to release (ListOffsets responses hold no frame). */
    public void clear() {
        resets.clear();
        resetStrategies.clear();
    }
}
