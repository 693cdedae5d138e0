package io.strand.clients.internals.metadata;

import io.strand.clients.CommonClientConfigs;
import io.strand.clients.internals.network.BootstrapServers;
import io.strand.clients.internals.network.ClientResponse;
import io.strand.clients.internals.network.ConnectionListener;
import io.strand.clients.internals.network.NetworkClient;
import io.strand.clients.internals.network.RequestBuilder;
import io.strand.common.Cluster;
import io.strand.common.KafkaException;
import io.strand.common.Node;
import io.strand.common.PartitionInfo;
import io.strand.common.TopicPartition;
import io.strand.common.Uuid;
import io.strand.common.config.AbstractConfig;
import io.strand.common.errors.InvalidTopicException;
import io.strand.common.errors.TimeoutException;
import io.strand.common.errors.TopicAuthorizationException;
import io.strand.common.message.ApiDefinitions;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's view of the cluster: an immutable {@link Cluster} snapshot, replaced whole on
 * each refresh, plus per-topic errors and per-partition leader epochs.
 *
 * <h2>Who drives refreshes</h2>
 * Metadata drives itself on its {@link NetworkClient}'s network thread; no caller has to poll
 * it. It refreshes at once when created (to learn the brokers from bootstrap.servers), when
 * {@link #requestUpdate()} is called, and when the snapshot is older than
 * {@code metadata.max.age.ms}. A failed refresh is retried after {@code retry.backoff.ms},
 * doubling up to {@code retry.backoff.max.ms}. Each refresh goes to the least loaded broker;
 * when every known broker is unreachable it goes back to the bootstrap addresses (Kafka's
 * rebootstrap). It also refreshes when the connection to a broker of the cluster is lost.
 * So the producer's sender thread and the consumer's poll loop only read
 * {@link #fetch()}, call {@link #requestUpdate()} when a response says metadata is stale, and
 * wait when they must: {@link #awaitTopic} blocks the caller (the producer's {@code send}, up to
 * {@code max.block.ms}); {@link #nextAttempt()} and {@link #awaitUpdate} give futures for
 * callers that must not block (the consumer's poll loop checks them with its own timeout).
 *
 * <h2>Topics</h2>
 * Only the topics of interest ({@link #addTopics}, {@link #setTopics}) are fetched, or all
 * topics after {@link #needAllTopics(boolean)} (pattern subscriptions). Topic errors
 * (UNKNOWN_TOPIC_OR_PARTITION, INVALID_TOPIC_EXCEPTION, TOPIC_AUTHORIZATION_FAILED, ...) from the
 * latest refresh are kept for callers to raise ({@link #topicError}).
 *
 * <h2>Leader epochs</h2>
 * A partition whose leader epoch in a response is lower than the highest seen is stale
 * (the broker answering has not caught up): its previous state is kept instead.
 */
public final class Metadata implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Metadata.class);

    private final NetworkClient client;
    private final List<String> bootstrapServers;
    private final Cluster bootstrapCluster;
    private final long maxAgeMs;
    private final long retryBackoffMs;
    private final long retryBackoffMaxMs;
    private final long requestTimeoutMs;
    private final boolean allowAutoTopicCreation;

    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private volatile boolean allTopics;
    private volatile Cluster cluster;
    private volatile boolean bootstrapOnly = true;
    private volatile Map<String, Errors> topicErrors = Map.of();
    private volatile Map<TopicPartition, Integer> leaderEpochs = Map.of();
    private final Map<TopicPartition, Integer> lastSeenEpochs = new ConcurrentHashMap<>();
    private volatile int updateVersion;
    private volatile Throwable lastFailure;
    private volatile boolean needUpdate = true;
    private volatile boolean closed;

    // Network thread only.
    private boolean inFlight;
    private int consecutiveFailures;
    private long lastSuccessNanos;
    private long nextAttemptNanos;
    private boolean checkScheduled;

    private final Object waitersLock = new Object();
    private CompletableFuture<Cluster> nextAttempt = new CompletableFuture<>();

    /**
     * @param bootstrapServers       the bootstrap.servers entries, for error messages
     * @param bootstrapAddresses     their resolved addresses
     * @param allowAutoTopicCreation whether the broker may create a requested topic (producer:
     *                               true; consumer: allow.auto.create.topics)
     */
    public Metadata(NetworkClient client, List<String> bootstrapServers, List<InetSocketAddress> bootstrapAddresses,
                    long maxAgeMs, long retryBackoffMs, long retryBackoffMaxMs, long requestTimeoutMs,
                    boolean allowAutoTopicCreation) {
        this.client = client;
        this.bootstrapServers = List.copyOf(bootstrapServers);
        this.bootstrapCluster = Cluster.bootstrap(bootstrapAddresses);
        this.cluster = bootstrapCluster;
        this.maxAgeMs = maxAgeMs;
        this.retryBackoffMs = retryBackoffMs;
        this.retryBackoffMaxMs = Math.max(retryBackoffMs, retryBackoffMaxMs);
        this.requestTimeoutMs = requestTimeoutMs;
        this.allowAutoTopicCreation = allowAutoTopicCreation;
        // A broker of the cluster dropping its connection may mean leaders moved: refresh, as Kafka does.
        client.addListener(new ConnectionListener() {
            @Override
            public void onDisconnected(Node node, Throwable cause) {
                if (!closed && node.id() >= 0 && cluster.nodeById(node.id()) != null) {
                    requestUpdate();
                }
            }
        });
        client.schedule(this::check, 0);
    }

    /** Reads bootstrap.servers, client.dns.lookup, metadata.max.age.ms, the retry backoffs and request.timeout.ms. */
    public static Metadata create(NetworkClient client, AbstractConfig config, boolean allowAutoTopicCreation) {
        List<String> servers = config.getList(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return new Metadata(client, servers,
            BootstrapServers.parseAndResolve(servers, config.getString(CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG)),
            config.getLong(CommonClientConfigs.METADATA_MAX_AGE_CONFIG),
            config.getLong(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG),
            config.getLong(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG),
            config.getInt(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG), allowAutoTopicCreation);
    }

    // ---- reading -------------------------------------------------------------------------------

    /** The current snapshot; before the first refresh it holds only the bootstrap nodes. */
    public Cluster fetch() {
        return cluster;
    }

    /** Whether at least one refresh has succeeded. */
    public boolean isBootstrapped() {
        return !bootstrapOnly;
    }

    /** Increases with each successful refresh. */
    public int updateVersion() {
        return updateVersion;
    }

    /** The error the latest refresh reported for {@code topic}, or null if none. */
    public Errors topicError(String topic) {
        return topicErrors.get(topic);
    }

    public Map<String, Errors> topicErrors() {
        return topicErrors;
    }

    /** The leader epoch of {@code tp} in the current snapshot, or null if unknown. */
    public Integer leaderEpoch(TopicPartition tp) {
        return leaderEpochs.get(tp);
    }

    /**
     * Records an epoch seen elsewhere (a Fetch or Produce response); if it is newer than the
     * metadata's, asks for a refresh and returns true.
     */
    public boolean updateLastSeenEpochIfNewer(TopicPartition tp, int epoch) {
        Integer seen = lastSeenEpochs.get(tp);
        if (seen == null || epoch > seen) {
            lastSeenEpochs.put(tp, epoch);
            Integer current = leaderEpochs.get(tp);
            if (current == null || epoch > current) {
                requestUpdate();
                return true;
            }
        }
        return false;
    }

    /** The last refresh failure, or null if the last refresh succeeded. */
    public Throwable lastFailure() {
        return lastFailure;
    }

    public List<String> bootstrapServers() {
        return bootstrapServers;
    }

    // ---- what to fetch -------------------------------------------------------------------------

    /** Adds topics of interest; a refresh is requested if any is new. */
    public void addTopics(Collection<String> newTopics) {
        if (topics.addAll(newTopics)) {
            requestUpdate();
        }
    }

    /** Replaces the topics of interest; a refresh is requested if they changed. */
    public void setTopics(Collection<String> newTopics) {
        Set<String> wanted = new HashSet<>(newTopics);
        if (!wanted.equals(topics)) {
            topics.retainAll(wanted);
            topics.addAll(wanted);
            requestUpdate();
        }
    }

    public Set<String> topics() {
        return Set.copyOf(topics);
    }

    /** Fetch every topic (pattern subscriptions) instead of only the topics of interest. */
    public void needAllTopics(boolean all) {
        if (allTopics != all) {
            allTopics = all;
            requestUpdate();
        }
    }

    /** Asks for a refresh as soon as the retry backoff allows; returns the current update version. */
    public int requestUpdate() {
        needUpdate = true;
        scheduleCheck();
        return updateVersion;
    }

    // ---- waiting -------------------------------------------------------------------------------

    /** Completes when the next refresh attempt ends, successful or not, with the snapshot then current. */
    public CompletableFuture<Cluster> nextAttempt() {
        // A copy: what a caller does to it (orTimeout, cancel) must not reach other waiters.
        synchronized (waitersLock) {
            return nextAttempt.copy();
        }
    }

    /**
     * Completes with the snapshot once the update version exceeds {@code lastVersion}, or fails
     * with a TimeoutException after {@code timeoutMs}. Requests an update.
     */
    public CompletableFuture<Cluster> awaitUpdate(int lastVersion, long timeoutMs) {
        CompletableFuture<Cluster> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        awaitUpdate(lastVersion, deadline, timeoutMs, result);
        return result;
    }

    private void awaitUpdate(int lastVersion, long deadlineNanos, long timeoutMs, CompletableFuture<Cluster> result) {
        if (updateVersion > lastVersion) {
            result.complete(cluster);
            return;
        }
        long remainingNanos = deadlineNanos - System.nanoTime();
        if (remainingNanos <= 0) {
            result.completeExceptionally(new TimeoutException("Metadata was not updated within " + timeoutMs
                + " ms from bootstrap.servers " + bootstrapServers + lastFailureText()));
            return;
        }
        CompletableFuture<Cluster> attempt = nextAttempt();
        requestUpdate();
        attempt.orTimeout(remainingNanos, TimeUnit.NANOSECONDS).whenComplete((c, e) -> {
            if (closed) {
                result.completeExceptionally(closedException());
            } else {
                awaitUpdate(lastVersion, deadlineNanos, timeoutMs, result);
            }
        });
    }

    /**
     * Blocks until {@code topic} has partitions in the metadata and returns that snapshot, for
     * at most {@code maxWaitMs}. Adds the topic to the topics of interest.
     *
     * @param timeoutSetting the setting the wait comes from, named in the timeout message
     *                       (the producer's max.block.ms)
     * @throws TopicAuthorizationException if the broker denies access to the topic
     * @throws InvalidTopicException       if the topic name is invalid
     * @throws TimeoutException            naming the topic, the setting, bootstrap.servers and
     *                                     the last error, when the wait runs out
     */
    public Cluster awaitTopic(String topic, long maxWaitMs, String timeoutSetting) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        if (!topics.contains(topic)) {
            addTopics(List.of(topic));
        }
        while (true) {
            Cluster c = cluster;
            Integer partitions = c.partitionCountForTopic(topic);
            if (partitions != null && partitions > 0) {
                return c;
            }
            Errors error = topicErrors.get(topic);
            if (error == Errors.TOPIC_AUTHORIZATION_FAILED) {
                throw new TopicAuthorizationException("Not authorized to access topic " + topic, Set.of(topic));
            }
            if (error == Errors.INVALID_TOPIC_EXCEPTION) {
                throw new InvalidTopicException("Invalid topic name '" + topic + "' (the broker answered "
                    + "INVALID_TOPIC_EXCEPTION)");
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || closed) {
                if (closed) {
                    throw closedException();
                }
                throw new TimeoutException("Topic " + topic + " not present in metadata after " + maxWaitMs + " ms ("
                    + timeoutSetting + "); bootstrap.servers is " + String.join(",", bootstrapServers)
                    + (error == null ? "" : "; the broker reports " + error.name() + " for the topic"
                    + (error == Errors.UNKNOWN_TOPIC_OR_PARTITION && !allowAutoTopicCreation
                    ? " and this client does not ask for it to be created" : ""))
                    + lastFailureText(), lastFailure);
            }
            CompletableFuture<Cluster> attempt = nextAttempt();
            requestUpdate();
            try {
                attempt.get(remaining, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
                // checked again at the top of the loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.strand.common.errors.InterruptException(e);
            }
        }
    }

    private String lastFailureText() {
        Throwable f = lastFailure;
        return f == null ? "" : "; the last metadata request failed: " + f.getMessage();
    }

    // ---- refreshing (network thread) ---------------------------------------------------------------

    private void scheduleCheck() {
        client.schedule(this::check, 0);
    }

    /** Sends a metadata request if one is due; otherwise schedules the next check. */
    private void check() {
        checkScheduled = false;
        if (closed || inFlight) {
            return;
        }
        long now = System.nanoTime();
        long waitMs = timeToNextUpdateMs(now);
        if (waitMs > 0) {
            scheduleCheckIn(waitMs);
            return;
        }
        Node node = client.leastLoadedNode(cluster);
        if (node == null && !bootstrapOnly) {
            log.info("No broker of the cluster is reachable; rebootstrapping from {}", bootstrapServers);
            node = client.leastLoadedNode(bootstrapCluster);
        }
        if (node == null) {
            scheduleCheckIn(Math.max(1, retryBackoffMs));
            return;
        }
        inFlight = true;
        needUpdate = false;
        boolean all = allTopics;
        List<String> requested = all ? null : new ArrayList<>(topics);
        Node target = node;
        client.send(node, ApiKeys.METADATA, RequestBuilder.ofVersions((short) 1, Short.MAX_VALUE,
            v -> buildRequest(requested, v)), requestTimeoutMs)
            .whenComplete((response, error) -> {
                inFlight = false;
                if (error != null) {
                    onFailure(target, error);
                } else {
                    onResponse(response);
                }
                check();
            });
    }

    private long timeToNextUpdateMs(long nowNanos) {
        if (nowNanos < nextAttemptNanos) {
            return TimeUnit.NANOSECONDS.toMillis(nextAttemptNanos - nowNanos) + 1;
        }
        if (needUpdate || bootstrapOnly) {
            return 0;
        }
        long expiresNanos = lastSuccessNanos + TimeUnit.MILLISECONDS.toNanos(maxAgeMs);
        return nowNanos >= expiresNanos ? 0 : TimeUnit.NANOSECONDS.toMillis(expiresNanos - nowNanos) + 1;
    }

    private void scheduleCheckIn(long ms) {
        if (!checkScheduled) {
            checkScheduled = true;
            client.schedule(this::check, ms);
        }
    }

    private Struct buildRequest(List<String> requested, short version) {
        Struct body = ApiDefinitions.of(ApiKeys.METADATA).newRequest();
        if (requested == null) {
            body.set(io.strand.common.message.Metadata.Request.TOPICS, null);
        } else {
            List<Struct> list = new ArrayList<>(requested.size());
            for (String t : requested) {
                list.add(io.strand.common.message.Metadata.Request.Topic.SCHEMA.newStruct()
                    .set(io.strand.common.message.Metadata.Request.Topic.NAME, t));
            }
            body.set(io.strand.common.message.Metadata.Request.TOPICS, list);
        }
        if (version >= 4) {
            body.set(io.strand.common.message.Metadata.Request.ALLOW_AUTO_TOPIC_CREATION, allowAutoTopicCreation);
        }
        return body;
    }

    private void onFailure(Node node, Throwable error) {
        consecutiveFailures++;
        long backoff = Math.min(retryBackoffMaxMs, retryBackoffMs << Math.min(consecutiveFailures - 1, 20));
        backoff = (long) (backoff * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
        needUpdate = true;
        lastFailure = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause() : error;
        log.debug("Metadata request to {} failed ({}); retrying in {} ms", NetworkClient.describe(node),
            lastFailure.getMessage(), backoff);
        attemptDone();
    }

    private void onResponse(ClientResponse response) {
        Struct body = response.body();
        Errors topLevel = Errors.forCode(body.get(io.strand.common.message.Metadata.Response.ERROR_CODE));
        if (topLevel != Errors.NONE) {
            onFailure(response.node(), topLevel.exception("Metadata request to " + NetworkClient.describe(response.node())
                + " failed with " + topLevel.name()));
            return;
        }
        boolean stale = update(body);
        consecutiveFailures = 0;
        lastSuccessNanos = System.nanoTime();
        lastFailure = null;
        nextAttemptNanos = 0;
        if (stale) {
            // Some broker is behind on leader epochs: ask again, but not in a tight loop.
            needUpdate = true;
            nextAttemptNanos = lastSuccessNanos + TimeUnit.MILLISECONDS.toNanos(retryBackoffMs);
        }
        attemptDone();
    }

    private void attemptDone() {
        CompletableFuture<Cluster> done;
        synchronized (waitersLock) {
            done = nextAttempt;
            nextAttempt = new CompletableFuture<>();
        }
        done.complete(cluster);
    }

    /**
     * Builds the new snapshot from a response; keeps a partition's old state when its epoch went
     * backwards. Returns whether any partition was stale.
     */
    boolean update(Struct body) {
        Cluster previous = cluster;
        Map<Integer, Node> nodes = new HashMap<>();
        for (Struct b : body.get(io.strand.common.message.Metadata.Response.BROKERS)) {
            Node n = new Node(b.get(io.strand.common.message.Metadata.Response.Broker.NODE_ID),
                b.get(io.strand.common.message.Metadata.Response.Broker.HOST),
                b.get(io.strand.common.message.Metadata.Response.Broker.PORT),
                b.get(io.strand.common.message.Metadata.Response.Broker.RACK));
            nodes.put(n.id(), n);
        }
        List<PartitionInfo> partitions = new ArrayList<>();
        boolean stale = false;
        Map<String, Errors> errors = new HashMap<>();
        Set<String> unauthorized = new HashSet<>();
        Set<String> invalid = new HashSet<>();
        Set<String> internal = new HashSet<>();
        Map<String, Uuid> topicIds = new HashMap<>();
        Map<TopicPartition, Integer> epochs = new HashMap<>();
        for (Struct t : body.get(io.strand.common.message.Metadata.Response.TOPICS)) {
            String name = t.get(io.strand.common.message.Metadata.Response.Topic.NAME);
            if (name == null) {
                continue;
            }
            Errors error = Errors.forCode(t.get(io.strand.common.message.Metadata.Response.Topic.ERROR_CODE));
            if (error != Errors.NONE) {
                errors.put(name, error);
                if (error == Errors.TOPIC_AUTHORIZATION_FAILED) {
                    unauthorized.add(name);
                } else if (error == Errors.INVALID_TOPIC_EXCEPTION) {
                    invalid.add(name);
                }
                continue;
            }
            Uuid id = t.get(io.strand.common.message.Metadata.Response.Topic.TOPIC_ID);
            if (id != null && !Uuid.ZERO_UUID.equals(id)) {
                topicIds.put(name, id);
            }
            if (Boolean.TRUE.equals(t.get(io.strand.common.message.Metadata.Response.Topic.IS_INTERNAL))) {
                internal.add(name);
            }
            for (Struct p : t.get(io.strand.common.message.Metadata.Response.Topic.PARTITIONS)) {
                stale |= !addPartition(name, p, nodes, previous, partitions, epochs);
            }
        }
        Integer controllerId = body.get(io.strand.common.message.Metadata.Response.CONTROLLER_ID);
        Cluster next = new Cluster(body.get(io.strand.common.message.Metadata.Response.CLUSTER_ID), nodes.values(),
            partitions, unauthorized, invalid, internal, controllerId == null ? null : nodes.get(controllerId), topicIds);
        leaderEpochs = Map.copyOf(epochs);
        topicErrors = Map.copyOf(errors);
        cluster = next;
        bootstrapOnly = false;
        updateVersion++;
        if (!errors.isEmpty()) {
            log.debug("Metadata reports topic errors {}", errors);
        }
        return stale;
    }

    /** Adds the partition, or its previous state if the response is stale for it (then returns false). */
    private boolean addPartition(String topic, Struct p, Map<Integer, Node> nodes, Cluster previous,
                              List<PartitionInfo> out, Map<TopicPartition, Integer> epochs) {
        TopicPartition tp = new TopicPartition(topic,
            p.get(io.strand.common.message.Metadata.Response.Partition.PARTITION_INDEX));
        int epoch = p.get(io.strand.common.message.Metadata.Response.Partition.LEADER_EPOCH);
        Integer seen = lastSeenEpochs.get(tp);
        if (epoch >= 0 && seen != null && epoch < seen) {
            PartitionInfo old = previous.partition(tp);
            Integer oldEpoch = leaderEpochs.get(tp);
            if (old != null && oldEpoch != null) {
                log.debug("Ignoring stale metadata for {}: leader epoch {} is older than {}", tp, epoch, seen);
                out.add(old);
                epochs.put(tp, oldEpoch);
                return false;
            }
        }
        if (epoch >= 0) {
            lastSeenEpochs.merge(tp, epoch, Math::max);
            epochs.put(tp, epoch);
        }
        int leaderId = p.get(io.strand.common.message.Metadata.Response.Partition.LEADER_ID);
        out.add(new PartitionInfo(topic, tp.partition(), leaderId < 0 ? null : nodes.get(leaderId),
            toNodes(p.get(io.strand.common.message.Metadata.Response.Partition.REPLICA_NODES), nodes),
            toNodes(p.get(io.strand.common.message.Metadata.Response.Partition.ISR_NODES), nodes),
            toNodes(p.get(io.strand.common.message.Metadata.Response.Partition.OFFLINE_REPLICAS), nodes)));
        return true;
    }

    private static Node[] toNodes(List<Integer> ids, Map<Integer, Node> nodes) {
        if (ids == null) {
            return new Node[0];
        }
        Node[] out = new Node[ids.size()];
        for (int i = 0; i < out.length; i++) {
            Node n = nodes.get(ids.get(i));
            out[i] = n != null ? n : new Node(ids.get(i), "", -1);
        }
        return out;
    }

    private KafkaException closedException() {
        return new KafkaException("Metadata of " + client.config().clientId() + " was closed");
    }

    /** Stops refreshing and fails those waiting. The network client is the caller's to close. */
    @Override
    public void close() {
        closed = true;
        CompletableFuture<Cluster> pending;
        synchronized (waitersLock) {
            pending = nextAttempt;
        }
        pending.completeExceptionally(closedException());
    }

    @Override
    public String toString() {
        return "Metadata(version " + updateVersion + ", " + cluster + ")";
    }
}
