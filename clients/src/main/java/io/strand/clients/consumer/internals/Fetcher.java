package io.strand.clients.consumer.internals;

import io.netty.buffer.ByteBuf;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.OffsetOutOfRangeException;
import io.strand.clients.internals.metadata.Metadata;
import io.strand.clients.internals.network.ClientResponse;
import io.strand.clients.internals.network.NetworkClient;
import io.strand.clients.internals.network.RequestBuilder;
import io.strand.common.Cluster;
import io.strand.common.IsolationLevel;
import io.strand.common.Node;
import io.strand.common.TopicPartition;
import io.strand.common.Uuid;
import io.strand.common.errors.TopicAuthorizationException;
import io.strand.common.message.Fetch;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import io.strand.common.serialization.Deserializer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches records: at most one Fetch in flight per broker, covering every fetchable partition it
 * leads that has no data waiting in the buffer; the responses are kept as {@link CompletedFetch}es
 * (slices of the response frames, not yet decoded) until poll takes records from them. Poll sends
 * the next fetches before it returns records, so the network works while the application does.
 *
 * <p>Fetches are sessionless (session id 0, epoch -1): each request names all its partitions.
 * Topics are named by id from Fetch v13 when the metadata knows every id, by name otherwise.
 * Everything here runs on the application thread.
 */
public final class Fetcher<K, V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Fetcher.class);
    private static final short TOPIC_IDS_FROM_VERSION = 13;

    /** The fetch settings. */
    public static final class Settings {
        final int minBytes;
        final int maxBytes;
        final int maxWaitMs;
        final int partitionMaxBytes;
        final IsolationLevel isolationLevel;
        final boolean checkCrcs;
        final String rack;
        final long requestTimeoutMs;

        public Settings(int minBytes, int maxBytes, int maxWaitMs, int partitionMaxBytes, IsolationLevel isolationLevel,
                        boolean checkCrcs, String rack, long requestTimeoutMs) {
            this.minBytes = minBytes;
            this.maxBytes = maxBytes;
            this.maxWaitMs = maxWaitMs;
            this.partitionMaxBytes = partitionMaxBytes;
            this.isolationLevel = isolationLevel;
            this.checkCrcs = checkCrcs;
            this.rack = rack == null ? "" : rack;
            // The broker holds a fetch up to max.wait.ms before answering.
            this.requestTimeoutMs = Math.max(requestTimeoutMs, maxWaitMs + 5000L);
        }
    }

    /** What one partition was fetched from. */
    private static final class Target {
        final long offset;
        final int positionEpoch;

        Target(long offset, int positionEpoch) {
            this.offset = offset;
            this.positionEpoch = positionEpoch;
        }
    }

    private static final class InFlight {
        final Node node;
        final CompletableFuture<ClientResponse> future;
        final Map<TopicPartition, Target> targets;
        final Map<Uuid, String> topicNames;

        InFlight(Node node, CompletableFuture<ClientResponse> future, Map<TopicPartition, Target> targets,
                 Map<Uuid, String> topicNames) {
            this.node = node;
            this.future = future;
            this.targets = targets;
            this.topicNames = topicNames;
        }
    }

    private final Settings settings;
    private final Metadata metadata;
    private final SubscriptionState subscriptions;
    private final ConsumerNetworkClient network;
    private final ConsumerMetrics metrics;
    private final Deserializers<K, V> deserializers;
    private final Map<Integer, InFlight> inFlight = new HashMap<>();
    private final ArrayDeque<CompletedFetch> completed = new ArrayDeque<>();
    /** An error to raise from the next collect, once the records before it are returned. */
    private RuntimeException pendingError;
    /** When a broker in reconnect backoff may be fetched from again. */
    private long retryAtMs = Long.MAX_VALUE;

    public Fetcher(Settings settings, Metadata metadata, SubscriptionState subscriptions, ConsumerNetworkClient network,
                   ConsumerMetrics metrics, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this.settings = settings;
        this.metadata = metadata;
        this.subscriptions = subscriptions;
        this.network = network;
        this.metrics = metrics;
        this.deserializers = new Deserializers<>(keyDeserializer, valueDeserializer);
    }

    // ---- sending --------------------------------------------------------------------------------

    /** Sends a fetch to every broker that leads a fetchable partition and has none in flight. */
    public int sendFetches(long nowMs) {
        processResponses();
        Set<TopicPartition> buffered = new HashSet<>();
        for (CompletedFetch f : completed) {
            buffered.add(f.partition);
        }
        Cluster cluster = metadata.fetch();
        Map<Node, LinkedHashMap<TopicPartition, Target>> byNode = new LinkedHashMap<>();
        // Brokers that lead a partition whose records are still buffered: a Fetch to them must not
        // long-poll, or those partitions, left out of it, could not be fetched again until
        // fetch.max.wait.ms passes (one Fetch per broker), and the application would run dry.
        Set<Integer> busyNodes = new HashSet<>();
        for (TopicPartition tp : buffered) {
            Node leader = cluster.leaderFor(tp);
            if (leader != null) {
                busyNodes.add(leader.id());
            }
        }
        retryAtMs = Long.MAX_VALUE;
        boolean leaderMissing = false;
        for (TopicPartition tp : subscriptions.fetchablePartitions()) {
            if (buffered.contains(tp)) {
                continue;
            }
            Node leader = cluster.leaderFor(tp);
            if (leader == null || leader.isEmpty()) {
                leaderMissing = true;
                continue;
            }
            if (inFlight.containsKey(leader.id())) {
                continue;
            }
            long delay = network.client().connectionDelayMs(leader);
            if (delay > 0) {
                retryAtMs = Math.min(retryAtMs, nowMs + delay);
                continue;
            }
            byNode.computeIfAbsent(leader, n -> new LinkedHashMap<>())
                .put(tp, new Target(subscriptions.position(tp), subscriptions.positionEpoch(tp)));
        }
        if (leaderMissing) {
            metadata.requestUpdate();
            network.watch(metadata.nextAttempt());
        }
        for (Map.Entry<Node, LinkedHashMap<TopicPartition, Target>> e : byNode.entrySet()) {
            send(e.getKey(), e.getValue(), cluster, busyNodes.contains(e.getKey().id()) ? 0 : settings.maxWaitMs);
        }
        return byNode.size();
    }

    /** When a skipped broker's reconnect backoff ends, or Long.MAX_VALUE. */
    public long nextRetryMs() {
        return retryAtMs;
    }

    public boolean hasInFlightFetches() {
        return !inFlight.isEmpty();
    }

    private void send(Node node, Map<TopicPartition, Target> targets, Cluster cluster, int maxWaitMs) {
        // Built here, on the application thread; the builder only lays it out for the version.
        Map<String, List<Struct>> partitionsByTopic = new LinkedHashMap<>();
        for (Map.Entry<TopicPartition, Target> e : targets.entrySet()) {
            TopicPartition tp = e.getKey();
            Integer epoch = metadata.leaderEpoch(tp);
            Struct p = Fetch.Request.FetchPartition.SCHEMA.newStruct()
                .set(Fetch.Request.FetchPartition.PARTITION, tp.partition())
                .set(Fetch.Request.FetchPartition.CURRENT_LEADER_EPOCH, epoch == null ? -1 : epoch)
                .set(Fetch.Request.FetchPartition.FETCH_OFFSET, e.getValue().offset)
                .set(Fetch.Request.FetchPartition.PARTITION_MAX_BYTES, settings.partitionMaxBytes);
            partitionsByTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(p);
        }
        Map<String, Uuid> ids = new HashMap<>();
        Map<Uuid, String> names = new HashMap<>();
        boolean allIds = true;
        for (String topic : partitionsByTopic.keySet()) {
            Uuid id = cluster.topicId(topic);
            if (id == null || Uuid.ZERO_UUID.equals(id)) {
                allIds = false;
            } else {
                ids.put(topic, id);
                names.put(id, topic);
            }
        }
        short latest = allIds ? ApiKeys.FETCH.latestVersion() : (short) (TOPIC_IDS_FROM_VERSION - 1);
        RequestBuilder builder = RequestBuilder.ofVersions(ApiKeys.FETCH.oldestVersion(), latest, version -> {
            Struct req = Fetch.DEFINITION.newRequest()
                .set(Fetch.Request.MAX_WAIT_MS, maxWaitMs)
                .set(Fetch.Request.MIN_BYTES, settings.minBytes)
                .set(Fetch.Request.MAX_BYTES, settings.maxBytes)
                .setByte(Fetch.Request.ISOLATION_LEVEL, settings.isolationLevel.id())
                .set(Fetch.Request.SESSION_ID, 0)
                .set(Fetch.Request.SESSION_EPOCH, -1)
                .set(Fetch.Request.RACK_ID, settings.rack);
            List<Struct> topics = new ArrayList<>(partitionsByTopic.size());
            for (Map.Entry<String, List<Struct>> t : partitionsByTopic.entrySet()) {
                Struct topic = Fetch.Request.FetchTopic.SCHEMA.newStruct().set(Fetch.Request.FetchTopic.PARTITIONS, t.getValue());
                if (version >= TOPIC_IDS_FROM_VERSION) {
                    topic.set(Fetch.Request.FetchTopic.TOPIC_ID, ids.get(t.getKey()));
                } else {
                    topic.set(Fetch.Request.FetchTopic.TOPIC, t.getKey());
                }
                topics.add(topic);
            }
            return req.set(Fetch.Request.TOPICS, topics);
        });
        if (log.isTraceEnabled()) {
            log.trace("Fetching {} from {}", targets.keySet(), NetworkClient.describe(node));
        }
        CompletableFuture<ClientResponse> f = network.send(node, ApiKeys.FETCH, builder, settings.requestTimeoutMs);
        inFlight.put(node.id(), new InFlight(node, f, targets, names));
    }

    // ---- receiving ------------------------------------------------------------------------------

    /** Turns every finished fetch into buffered partition data. */
    public void processResponses() {
        if (inFlight.isEmpty()) {
            return;
        }
        Iterator<InFlight> it = inFlight.values().iterator();
        while (it.hasNext()) {
            InFlight f = it.next();
            if (!f.future.isDone()) {
                continue;
            }
            it.remove();
            ClientResponse response;
            try {
                response = f.future.join();
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                log.debug("Fetch from {} failed: {}", NetworkClient.describe(f.node), cause.toString());
                metadata.requestUpdate();
                continue;
            }
            metrics.fetchLatency.record(response.latencyMs());
            try {
                handle(f, response);
            } catch (RuntimeException e) {
                response.release();
                throw e;
            }
        }
    }

    private void handle(InFlight f, ClientResponse response) {
        Struct body = response.body();
        short topError = body.getShort(Fetch.Response.ERROR_CODE);
        if (topError != Errors.NONE.code()) {
            log.warn("Fetch from {} failed: {}", NetworkClient.describe(f.node), Errors.forCode(topError));
            response.release(); // a failed fetch counts in no per-request metric, as in Apache's consumer
            return;
        }
        FetchedRecords owner = new FetchedRecords(response::release, metrics::recordFetched);
        boolean byId = response.version() >= TOPIC_IDS_FROM_VERSION;
        for (Struct topic : body.get(Fetch.Response.RESPONSES)) {
            String name = byId ? f.topicNames.get(topic.get(Fetch.Response.FetchableTopicResponse.TOPIC_ID))
                : topic.get(Fetch.Response.FetchableTopicResponse.TOPIC);
            if (name == null) {
                continue;
            }
            for (Struct p : topic.get(Fetch.Response.FetchableTopicResponse.PARTITIONS)) {
                TopicPartition tp = new TopicPartition(name, p.getInt(Fetch.Response.PartitionData.PARTITION_INDEX));
                Target target = f.targets.get(tp);
                if (target != null) {
                    handlePartition(tp, target, p, owner);
                }
            }
        }
        owner.releaseIfUnheld();
    }

    private void handlePartition(TopicPartition tp, Target target, Struct p, FetchedRecords owner) {
        if (!subscriptions.isAssigned(tp) || !subscriptions.hasValidPosition(tp)
            || subscriptions.positionEpoch(tp) != target.positionEpoch
            || subscriptions.position(tp) != target.offset) {
            return; // the position moved while the fetch was out: its data is stale
        }
        Errors error = Errors.forCode(p.getShort(Fetch.Response.PartitionData.ERROR_CODE));
        switch (error) {
            case NONE: {
                long hw = p.getLong(Fetch.Response.PartitionData.HIGH_WATERMARK);
                long lso = p.getLong(Fetch.Response.PartitionData.LAST_STABLE_OFFSET);
                long logStart = p.getLong(Fetch.Response.PartitionData.LOG_START_OFFSET);
                subscriptions.updateLogOffsets(tp, hw, lso, logStart);
                ByteBuf records = p.get(Fetch.Response.PartitionData.RECORDS);
                List<CompletedFetch.AbortedTransaction> aborted = abortedTransactions(p);
                if (records == null || !records.isReadable()) {
                    return; // nothing new: just the offsets above
                }
                completed.add(new CompletedFetch(tp, target.offset, target.positionEpoch, records, hw, lso, logStart,
                    aborted, settings.isolationLevel, settings.checkCrcs, owner));
                return;
            }
            case OFFSET_OUT_OF_RANGE:
                if (subscriptions.hasDefaultResetStrategy()) {
                    log.info("Fetch position {} is out of range for {}, resetting to {}", target.offset, tp,
                        subscriptions.defaultResetStrategy());
                    subscriptions.requestOffsetReset(tp);
                } else if (pendingError == null) {
                    pendingError = new OffsetOutOfRangeException("Fetch position " + target.offset + " is out of range "
                        + "for partition " + tp + " and auto.offset.reset is none", Map.of(tp, target.offset));
                }
                return;
            case TOPIC_AUTHORIZATION_FAILED:
                if (pendingError == null) {
                    pendingError = new TopicAuthorizationException("Not authorized to read topic " + tp.topic());
                }
                return;
            case NOT_LEADER_OR_FOLLOWER:
            case REPLICA_NOT_AVAILABLE:
            case KAFKA_STORAGE_ERROR:
            case FENCED_LEADER_EPOCH:
            case OFFSET_NOT_AVAILABLE:
            case UNKNOWN_TOPIC_OR_PARTITION:
            case UNKNOWN_TOPIC_ID:
            case INCONSISTENT_TOPIC_ID:
            case UNKNOWN_LEADER_EPOCH:
                log.debug("Fetch of {} answered {}; refreshing metadata", tp, error);
                metadata.requestUpdate();
                return;
            default:
                log.warn("Unexpected error {} fetching {} at offset {}", error, tp, target.offset);
        }
    }

    private static List<CompletedFetch.AbortedTransaction> abortedTransactions(Struct p) {
        List<Struct> list = p.get(Fetch.Response.PartitionData.ABORTED_TRANSACTIONS);
        if (list == null || list.isEmpty()) {
            return null;
        }
        List<CompletedFetch.AbortedTransaction> out = new ArrayList<>(list.size());
        for (Struct a : list) {
            out.add(new CompletedFetch.AbortedTransaction(a.getLong(Fetch.Response.AbortedTransaction.PRODUCER_ID),
                a.getLong(Fetch.Response.AbortedTransaction.FIRST_OFFSET)));
        }
        return out;
    }

    // ---- handing out records ------------------------------------------------------------------

    /** Whether there is buffered data for a partition that poll could return now. */
    public boolean hasAvailableFetches() {
        for (CompletedFetch f : completed) {
            if (subscriptions.isFetchable(f.partition)) {
                return true;
            }
        }
        return pendingError != null;
    }

    /**
     * Takes up to {@code maxRecords} records from the buffered fetches, in partition order, and
     * advances the positions past them.
     */
    public Map<TopicPartition, List<ConsumerRecord<K, V>>> collect(int maxRecords) {
        processResponses();
        Map<TopicPartition, List<ConsumerRecord<K, V>>> out = new LinkedHashMap<>();
        int remaining = maxRecords;
        long bytes = 0;
        Iterator<CompletedFetch> it = completed.iterator();
        while (remaining > 0 && it.hasNext()) {
            CompletedFetch f = it.next();
            TopicPartition tp = f.partition;
            if (!isCurrent(f)) {
                f.drain();
                it.remove();
                continue;
            }
            if (subscriptions.isPaused(tp)) {
                continue; // kept for when it resumes
            }
            List<ConsumerRecord<K, V>> list = out.get(tp);
            if (list == null) {
                list = new ArrayList<>(Math.min(remaining, 512));
            }
            int n;
            try {
                n = f.fetchRecords(deserializers, remaining, list);
            } catch (RuntimeException e) {
                if (out.isEmpty()) {
                    throw e;
                }
                break; // returned after the records before it; thrown again next time
            }
            long next = f.nextFetchOffset();
            if (next > subscriptions.position(tp)) {
                subscriptions.advance(tp, next, f.lastEpoch());
            }
            if (n > 0) {
                out.put(tp, list);
                remaining -= n;
                subscriptions.movePartitionToEnd(tp);
                Long lag = subscriptions.partitionLag(tp, settings.isolationLevel);
                if (lag != null) {
                    metrics.recordsLag.record(lag);
                }
            }
            if (f.isConsumed()) {
                bytes += f.sizeInBytes;
                it.remove();
            }
        }
        int count = maxRecords - remaining;
        if (count > 0) {
            metrics.recordsConsumed.record(count);
        }
        if (bytes > 0) {
            metrics.bytesConsumed.record(bytes);
        }
        if (out.isEmpty() && pendingError != null) {
            RuntimeException e = pendingError;
            pendingError = null;
            throw e;
        }
        return out;
    }

    private boolean isCurrent(CompletedFetch f) {
        TopicPartition tp = f.partition;
        if (!subscriptions.isAssigned(tp) || !subscriptions.hasValidPosition(tp)) {
            return false;
        }
        if (subscriptions.positionEpoch(tp) != f.positionEpoch) {
            return false; // seeked since
        }
        return true;
    }

    /** Drops buffered data of partitions no longer assigned or whose position was set since. */
    public void clearStaleFetches() {
        Iterator<CompletedFetch> it = completed.iterator();
        while (it.hasNext()) {
            CompletedFetch f = it.next();
            if (!isCurrent(f)) {
                f.drain();
                it.remove();
            }
        }
    }

    /** Drops everything buffered for these partitions (seek, revocation). */
    public void clearBufferedDataFor(Set<TopicPartition> partitions) {
        Iterator<CompletedFetch> it = completed.iterator();
        while (it.hasNext()) {
            CompletedFetch f = it.next();
            if (partitions.contains(f.partition)) {
                f.drain();
                it.remove();
            }
        }
    }

    public Set<TopicPartition> bufferedPartitions() {
        Set<TopicPartition> out = new HashSet<>();
        for (CompletedFetch f : completed) {
            out.add(f.partition);
        }
        return Collections.unmodifiableSet(out);
    }

    /** Releases every buffered response frame, and the frames of fetches still in flight when they arrive. */
    @Override
    public void close() {
        for (CompletedFetch f : completed) {
            f.drain();
        }
        completed.clear();
        for (InFlight f : inFlight.values()) {
            f.future.thenAccept(ClientResponse::release);
        }
        inFlight.clear();
    }
}
