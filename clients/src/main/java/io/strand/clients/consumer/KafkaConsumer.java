package io.strand.clients.consumer;

import io.strand.clients.consumer.internals.AutoOffsetResetStrategy;
import io.strand.clients.consumer.internals.CommitManager;
import io.strand.clients.consumer.internals.ConsumerCoordinator;
import io.strand.clients.consumer.internals.ConsumerInterceptors;
import io.strand.clients.consumer.internals.ConsumerMetrics;
import io.strand.clients.consumer.internals.ConsumerNetworkClient;
import io.strand.clients.consumer.internals.Fetcher;
import io.strand.clients.consumer.internals.GroupState;
import io.strand.clients.consumer.internals.OffsetFetcher;
import io.strand.clients.consumer.internals.OffsetFetcher.ListOffsetResult;
import io.strand.clients.consumer.internals.SubscriptionState;
import io.strand.clients.consumer.internals.TopicMetadataFetcher;
import io.strand.clients.internals.metadata.Metadata;
import io.strand.clients.internals.network.NetworkClient;
import io.strand.clients.internals.network.NetworkConfig;
import io.strand.common.Cluster;
import io.strand.common.IsolationLevel;
import io.strand.common.KafkaException;
import io.strand.common.Metric;
import io.strand.common.MetricName;
import io.strand.common.PartitionInfo;
import io.strand.common.TopicPartition;
import io.strand.common.Uuid;
import io.strand.common.config.ConfigException;
import io.strand.common.errors.InterruptException;
import io.strand.common.errors.InvalidGroupIdException;
import io.strand.common.errors.TimeoutException;
import io.strand.common.errors.WakeupException;
import io.strand.common.metrics.KafkaMetric;
import io.strand.common.metrics.MetricConfig;
import io.strand.common.metrics.Metrics;
import io.strand.common.serialization.Deserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that reads records from Kafka: the same API as Apache kafka-clients'
 * {@code KafkaConsumer}, on Strand's network layer.
 *
 * <p>Everything runs on the thread that calls it: {@code poll} moves group membership forward
 * (coordinator lookup, JoinGroup, SyncGroup, the rebalance listener, automatic commits), sends
 * the next fetches and returns up to {@code max.poll.records} records, never blocking longer than
 * its timeout, also with the brokers down or the coordinator unknown. Records are decoded from the
 * fetch responses only as poll hands them out; the next fetch to each broker is already in flight
 * while the application processes them. A background thread sends the group heartbeats.
 *
 * <p>Not thread-safe: a second thread calling it while one is inside gets a
 * {@link ConcurrentModificationException}. {@link #wakeup()} is the one method any thread may
 * call: the blocked (or next) call throws {@link WakeupException}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class KafkaConsumer<K, V> implements Consumer<K, V> {

    private static final Logger log = LoggerFactory.getLogger(KafkaConsumer.class);
    private static final long NO_CURRENT_THREAD = -1L;
    private static final long DEFAULT_CLOSE_TIMEOUT_MS = 30_000L;

    private final String clientId;
    private final String groupId;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final ConsumerInterceptors<K, V> interceptors;
    private final Metrics metrics;
    private final NetworkClient networkClient;
    private final ConsumerNetworkClient network;
    private final Metadata metadata;
    private final SubscriptionState subscriptions;
    private final Fetcher<K, V> fetcher;
    private final OffsetFetcher offsetFetcher;
    private final TopicMetadataFetcher topicMetadataFetcher;
    private final CommitManager commits;
    private final ConsumerCoordinator coordinator;
    private final IsolationLevel isolationLevel;
    private final int maxPollRecords;
    private final long defaultApiTimeoutMs;
    private final long retryBackoffMs;
    private final boolean excludeInternalTopics;

    private final AtomicLong currentThread = new AtomicLong(NO_CURRENT_THREAD);
    private final AtomicInteger refCount = new AtomicInteger();
    private volatile boolean closed;
    private int patternMetadataVersion = -1;
    private final ConsumerMetrics consumerMetrics;
    /** When the last poll returned, for poll-idle-ratio-avg; -1 before the first. */
    private long lastPollEndNanos = -1;

    // ---- construction ---------------------------------------------------------------------------

    public KafkaConsumer(Map<String, Object> configs) {
        this(configs, null, null);
    }

    public KafkaConsumer(Properties properties) {
        this(properties, null, null);
    }

    public KafkaConsumer(Properties properties, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this(propsToMap(properties), keyDeserializer, valueDeserializer);
    }

    public KafkaConsumer(Map<String, Object> configs, Deserializer<K> keyDeserializer,
                         Deserializer<V> valueDeserializer) {
        this(new ConsumerConfig(ConsumerConfig.appendDeserializerToConfig(configs, keyDeserializer, valueDeserializer)),
            keyDeserializer, valueDeserializer);
    }

    private static Map<String, Object> propsToMap(Properties properties) {
        Map<String, Object> map = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        // Non-string values (a Class, an Integer) put in with put() are not "string property names".
        properties.forEach((k, v) -> {
            if (k instanceof String) {
                map.putIfAbsent((String) k, v);
            } else {
                throw new ConfigException(String.valueOf(k), v, "Key must be a string.");
            }
        });
        return map;
    }

    @SuppressWarnings("unchecked")
    KafkaConsumer(ConsumerConfig config, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        List<AutoCloseable> created = new ArrayList<>();
        try {
            this.clientId = config.getString(ConsumerConfig.CLIENT_ID_CONFIG);
            this.groupId = config.getString(ConsumerConfig.GROUP_ID_CONFIG);
            Map<String, Object> clientIdOverride = Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
            if (keyDeserializer == null) {
                this.keyDeserializer = config.getConfiguredInstance(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    Deserializer.class, clientIdOverride);
                this.keyDeserializer.configure(config.originals(clientIdOverride), true);
            } else {
                this.keyDeserializer = keyDeserializer;
            }
            created.add(this.keyDeserializer);
            if (valueDeserializer == null) {
                this.valueDeserializer = config.getConfiguredInstance(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    Deserializer.class, clientIdOverride);
                this.valueDeserializer.configure(config.originals(clientIdOverride), false);
            } else {
                this.valueDeserializer = valueDeserializer;
            }
            created.add(this.valueDeserializer);
            List<ConsumerInterceptor<K, V>> interceptorList = (List<ConsumerInterceptor<K, V>>) (List<?>)
                config.getConfiguredInstances(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, ConsumerInterceptor.class,
                    clientIdOverride);
            this.interceptors = new ConsumerInterceptors<>(interceptorList);
            created.add(interceptors);

            this.isolationLevel = IsolationLevel.valueOf(
                config.getString(ConsumerConfig.ISOLATION_LEVEL_CONFIG).toUpperCase(Locale.ROOT));
            this.maxPollRecords = config.getInt(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);
            this.defaultApiTimeoutMs = config.getInt(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
            this.retryBackoffMs = config.getLong(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG);
            this.excludeInternalTopics = config.getBoolean(ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG);
            long requestTimeoutMs = config.getInt(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG);

            this.metrics = new Metrics(new MetricConfig()
                .samples(config.getInt(ConsumerConfig.METRICS_NUM_SAMPLES_CONFIG))
                .timeWindowMs(config.getLong(ConsumerConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG)));
            created.add(metrics);
            this.consumerMetrics = new ConsumerMetrics(metrics, clientId);

            int fetchMaxBytes = config.getInt(ConsumerConfig.FETCH_MAX_BYTES_CONFIG);
            NetworkConfig networkConfig = NetworkConfig.from(config, clientId)
                .maxResponseSize(Math.max(NetworkConfig.DEFAULT_MAX_RESPONSE_SIZE, fetchMaxBytes + (1 << 20)));
            this.networkClient = new NetworkClient(networkConfig);
            created.add(networkClient);
            this.network = new ConsumerNetworkClient(networkClient);
            this.metadata = Metadata.create(networkClient, config,
                config.getBoolean(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG));
            created.add(metadata);

            this.subscriptions = new SubscriptionState(
                AutoOffsetResetStrategy.fromConfig(config.getString(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)));
            this.fetcher = new Fetcher<>(new Fetcher.Settings(
                config.getInt(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), fetchMaxBytes,
                config.getInt(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                config.getInt(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), isolationLevel,
                config.getBoolean(ConsumerConfig.CHECK_CRCS_CONFIG), config.getString(ConsumerConfig.CLIENT_RACK_CONFIG),
                requestTimeoutMs), metadata, subscriptions, network, consumerMetrics, this.keyDeserializer,
                this.valueDeserializer);
            this.offsetFetcher = new OffsetFetcher(metadata, subscriptions, network, isolationLevel, retryBackoffMs,
                requestTimeoutMs);
            this.topicMetadataFetcher = new TopicMetadataFetcher(metadata, network, retryBackoffMs, requestTimeoutMs,
                config.getBoolean(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG), excludeInternalTopics);

            if (groupId == null) {
                this.commits = null;
                this.coordinator = null;
            } else {
                Optional<String> instanceId = Optional.ofNullable(config.getString(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
                GroupState group = new GroupState(groupId, instanceId, metadata, network, retryBackoffMs, requestTimeoutMs);
                this.commits = new CommitManager(group, subscriptions, network, interceptors, consumerMetrics,
                    retryBackoffMs, requestTimeoutMs, config.getBoolean(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG),
                    config.getInt(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG));
                List<ConsumerPartitionAssignor> assignors = assignors(config, clientIdOverride);
                this.coordinator = new ConsumerCoordinator(group, subscriptions, metadata, network, commits,
                    consumerMetrics, assignors, clientId, config.getInt(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                    config.getInt(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG),
                    config.getInt(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), requestTimeoutMs, retryBackoffMs,
                    config.getString(ConsumerConfig.CLIENT_RACK_CONFIG), fetcher::clearBufferedDataFor);
            }
            log.debug("Kafka consumer {} created", clientId);
        } catch (ConfigException e) {
            closeAll(created);
            throw e;
        } catch (RuntimeException e) {
            closeAll(created);
            throw new KafkaException("Failed to construct kafka consumer: " + e.getMessage(), e);
        }
    }

    private static List<ConsumerPartitionAssignor> assignors(ConsumerConfig config, Map<String, Object> overrides) {
        List<ConsumerPartitionAssignor> assignors = config.getConfiguredInstances(
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, ConsumerPartitionAssignor.class, overrides);
        Set<String> names = new HashSet<>();
        for (ConsumerPartitionAssignor a : assignors) {
            if (!names.add(a.name())) {
                throw new ConfigException(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    config.getList(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG),
                    "The assignor name '" + a.name() + "' is used by more than one assignor");
            }
        }
        if (assignors.isEmpty()) {
            throw new ConfigException(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignors,
                "At least one assignor is needed for group membership");
        }
        return assignors;
    }

    private static void closeAll(List<AutoCloseable> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                created.get(i).close();
            } catch (Exception e) {
                log.debug("Failed to close {} while failing construction", created.get(i), e);
            }
        }
    }

    // ---- one thread at a time -------------------------------------------------------------------

    private void acquire() {
        Thread thread = Thread.currentThread();
        long id = thread.getId();
        if (id != currentThread.get() && !currentThread.compareAndSet(NO_CURRENT_THREAD, id)) {
            throw new ConcurrentModificationException("KafkaConsumer is not safe for multi-threaded access. "
                + "currentThread(name: " + thread.getName() + ", id: " + id + ") otherThread(id: "
                + currentThread.get() + ")");
        }
        refCount.incrementAndGet();
    }

    private void acquireAndEnsureOpen() {
        acquire();
        if (closed) {
            release();
            throw new IllegalStateException("This consumer has already been closed.");
        }
    }

    private void release() {
        if (refCount.decrementAndGet() == 0) {
            currentThread.set(NO_CURRENT_THREAD);
        }
    }

    private void requireGroup(String what) {
        if (coordinator == null) {
            throw new InvalidGroupIdException("To use the group management or offset commit APIs, you must provide "
                + "a valid group.id in the consumer configuration" + (what == null ? "." : " (" + what + ")."));
        }
    }

    private static long deadline(long nowMs, long timeoutMs) {
        long d = nowMs + timeoutMs;
        return d < 0 ? Long.MAX_VALUE : d;
    }

    private static long toMillis(Duration timeout) {
        if (timeout == null) {
            throw new IllegalArgumentException("Timeout must not be null");
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("Timeout must not be negative");
        }
        try {
            return timeout.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    // ---- subscription ---------------------------------------------------------------------------

    @Override
    public Set<TopicPartition> assignment() {
        acquireAndEnsureOpen();
        try {
            return Collections.unmodifiableSet(subscriptions.assignedPartitions());
        } finally {
            release();
        }
    }

    @Override
    public Set<String> subscription() {
        acquireAndEnsureOpen();
        try {
            return Collections.unmodifiableSet(new HashSet<>(subscriptions.subscription()));
        } finally {
            release();
        }
    }

    @Override
    public void subscribe(Collection<String> topics) {
        subscribe(topics, new NoOpListener());
    }

    @Override
    public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
        acquireAndEnsureOpen();
        try {
            requireGroup("subscribe");
            if (topics == null) {
                throw new IllegalArgumentException("Topic collection to subscribe to cannot be null");
            }
            if (listener == null) {
                throw new IllegalArgumentException("RebalanceListener cannot be null");
            }
            if (topics.isEmpty()) {
                unsubscribe();
                return;
            }
            for (String topic : topics) {
                if (topic == null || topic.trim().isEmpty()) {
                    throw new IllegalArgumentException("Topic collection to subscribe to cannot contain null or empty topic");
                }
            }
            Set<String> set = new HashSet<>(topics);
            // Data for topics no longer subscribed will not be returned.
            Set<TopicPartition> dropped = new HashSet<>();
            for (TopicPartition tp : fetcher.bufferedPartitions()) {
                if (!set.contains(tp.topic())) {
                    dropped.add(tp);
                }
            }
            fetcher.clearBufferedDataFor(dropped);
            log.info("Subscribed to topic(s): {}", String.join(", ", new java.util.TreeSet<>(set)));
            subscriptions.subscribe(set, listener);
            metadata.needAllTopics(false);
            metadata.setTopics(subscriptions.metadataTopics());
        } finally {
            release();
        }
    }

    @Override
    public void subscribe(Pattern pattern) {
        subscribe(pattern, new NoOpListener());
    }

    @Override
    public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
        acquireAndEnsureOpen();
        try {
            requireGroup("subscribe");
            if (pattern == null || pattern.toString().isEmpty()) {
                throw new IllegalArgumentException("Topic pattern to subscribe to cannot be " + (pattern == null
                    ? "null" : "empty"));
            }
            if (listener == null) {
                throw new IllegalArgumentException("RebalanceListener cannot be null");
            }
            log.info("Subscribed to pattern: '{}'", pattern);
            subscriptions.subscribe(pattern, listener);
            patternMetadataVersion = -1;
            metadata.needAllTopics(true);
            updatePatternSubscription();
        } finally {
            release();
        }
    }

    @Override
    public void subscribe(SubscriptionPattern pattern, ConsumerRebalanceListener callback) {
        throw new UnsupportedOperationException("subscribe(SubscriptionPattern) needs the consumer group protocol "
            + "(KIP-848), which Strand does not support yet; use subscribe(java.util.regex.Pattern)");
    }

    @Override
    public void subscribe(SubscriptionPattern pattern) {
        subscribe(pattern, null);
    }

    /** Matches the pattern against the latest metadata: new matching topics join the subscription. */
    private void updatePatternSubscription() {
        if (!subscriptions.hasPatternSubscription()) {
            return;
        }
        int version = metadata.updateVersion();
        if (version == patternMetadataVersion) {
            return;
        }
        patternMetadataVersion = version;
        Cluster cluster = metadata.fetch();
        Set<String> matched = new HashSet<>();
        for (String topic : cluster.topics()) {
            if (subscriptions.matchesPattern(topic) && !(excludeInternalTopics && cluster.internalTopics().contains(topic))) {
                matched.add(topic);
            }
        }
        if (subscriptions.subscribeFromPattern(matched)) {
            log.info("Pattern '{}' now matches topics {}", subscriptions.pattern(), matched);
        }
    }

    @Override
    public void unsubscribe() {
        acquireAndEnsureOpen();
        try {
            fetcher.clearBufferedDataFor(subscriptions.assignedPartitions());
            if (coordinator != null) {
                coordinator.leaveOnUnsubscribe();
            }
            subscriptions.unsubscribe();
            metadata.needAllTopics(false);
            metadata.setTopics(Collections.emptySet());
            log.info("Unsubscribed all topics or patterns and assigned partitions");
        } finally {
            release();
        }
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        acquireAndEnsureOpen();
        try {
            if (partitions == null) {
                throw new IllegalArgumentException("Topic partition collection to assign to cannot be null");
            }
            if (partitions.isEmpty()) {
                unsubscribe();
                return;
            }
            for (TopicPartition tp : partitions) {
                String topic = tp == null ? null : tp.topic();
                if (topic == null || topic.trim().isEmpty()) {
                    throw new IllegalArgumentException("Topic partitions to assign to cannot have null or empty topic");
                }
            }
            Set<TopicPartition> set = new HashSet<>(partitions);
            if (subscriptions.hasAutoAssignedPartitions()) {
                throw new IllegalStateException("Subscription to topics, partitions and pattern are mutually exclusive");
            }
            Set<TopicPartition> dropped = new HashSet<>(fetcher.bufferedPartitions());
            dropped.removeAll(set);
            fetcher.clearBufferedDataFor(dropped);
            if (commits != null) {
                commits.maybeAutoCommitAsync(System.currentTimeMillis());
            }
            log.info("Assigned to partition(s): {}", set);
            if (subscriptions.assignFromUser(set)) {
                metadata.setTopics(subscriptions.metadataTopics());
            }
        } finally {
            release();
        }
    }

    // ---- poll -------------------------------------------------------------------------------------

    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        long timeoutMs = toMillis(timeout);
        acquireAndEnsureOpen();
        try {
            if (subscriptions.hasNoSubscriptionOrUserAssignment()) {
                throw new IllegalStateException("Consumer is not subscribed to any topics or assigned any partitions");
            }
            long startNanos = System.nanoTime();
            long start = System.currentTimeMillis();
            long deadlineMs = deadline(start, timeoutMs);
            try {
                return pollUntil(deadlineMs);
            } finally {
                long end = System.nanoTime();
                if (lastPollEndNanos >= 0) {
                    long inPoll = end - startNanos;
                    long between = startNanos - lastPollEndNanos;
                    consumerMetrics.recordPollIdleRatio(inPoll + between == 0 ? 0 : (double) inPoll / (inPoll + between));
                }
                lastPollEndNanos = end;
            }
        } finally {
            release();
        }
    }

    /** One poll: rounds of work until records are there or the deadline passes. */
    private ConsumerRecords<K, V> pollUntil(long deadlineMs) {
        do {
            network.maybeTriggerWakeup();
            ConsumerNetworkClient.maybeThrowInterrupt();
            long seen = network.events();
            long now = System.currentTimeMillis();
            updatePatternSubscription();
            if (coordinator != null) {
                coordinator.poll(now);
            }
            updateFetchPositions(now);
            Map<TopicPartition, List<ConsumerRecord<K, V>>> records = fetcher.collect(maxPollRecords);
            // The next fetches go out before the records are handed over: the network works
            // while the application does.
            fetcher.sendFetches(now);
            if (!records.isEmpty()) {
                return interceptors.onConsume(new ConsumerRecords<>(records, nextOffsets(records)));
            }
            now = System.currentTimeMillis();
            if (now >= deadlineMs) {
                break;
            }
            network.awaitEvent(seen, waitMs(now, deadlineMs));
        } while (System.currentTimeMillis() < deadlineMs);
        return ConsumerRecords.empty();
    }

    /** How long poll may sleep: until its deadline, or sooner when a backoff or timer ends. */
    private long waitMs(long now, long deadlineMs) {
        long until = deadlineMs;
        if (coordinator != null) {
            until = Math.min(until, coordinator.nextWakeupMs(now));
            until = Math.min(until, commits.positionsFetchRetryAtMs());
        }
        until = Math.min(until, fetcher.nextRetryMs());
        until = Math.min(until, subscriptions.nextResetAttemptMs());
        return Math.max(1, until - now);
    }

    private Map<TopicPartition, OffsetAndMetadata> nextOffsets(Map<TopicPartition, List<ConsumerRecord<K, V>>> records) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition tp : records.keySet()) {
            Long position = subscriptions.hasValidPosition(tp) ? subscriptions.position(tp) : null;
            if (position != null) {
                out.put(tp, new OffsetAndMetadata(position, subscriptions.positionLeaderEpoch(tp), ""));
            }
        }
        return out;
    }

    /** Positions for newly assigned partitions: committed offsets if there is a group, else auto.offset.reset. */
    private void updateFetchPositions(long now) {
        if (!subscriptions.hasAllFetchPositions()) {
            if (commits != null) {
                commits.refreshCommittedOffsetsIfNeeded(now);
            } else {
                subscriptions.resetInitializingPositions();
            }
            offsetFetcher.resetPositionsIfNeeded(now);
        }
    }

    // ---- commits --------------------------------------------------------------------------------

    @Override
    public void commitSync() {
        commitSync(Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public void commitSync(Duration timeout) {
        acquireAndEnsureOpen();
        try {
            requireGroup("commitSync");
            long timeoutMs = toMillis(timeout);
            commits.commitSync(subscriptions.allConsumed(), deadline(System.currentTimeMillis(), timeoutMs), timeoutMs);
        } finally {
            release();
        }
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        commitSync(offsets, Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        acquireAndEnsureOpen();
        try {
            requireGroup("commitSync");
            long timeoutMs = toMillis(timeout);
            commits.commitSync(new HashMap<>(offsets), deadline(System.currentTimeMillis(), timeoutMs), timeoutMs);
        } finally {
            release();
        }
    }

    @Override
    public void commitAsync() {
        commitAsync(null);
    }

    @Override
    public void commitAsync(OffsetCommitCallback callback) {
        acquireAndEnsureOpen();
        try {
            requireGroup("commitAsync");
            commits.commitAsync(subscriptions.allConsumed(), callback);
        } finally {
            release();
        }
    }

    @Override
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        acquireAndEnsureOpen();
        try {
            requireGroup("commitAsync");
            commits.commitAsync(new HashMap<>(offsets), callback);
        } finally {
            release();
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        return committed(partitions, Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout) {
        acquireAndEnsureOpen();
        try {
            requireGroup("committed");
            long timeoutMs = toMillis(timeout);
            Map<TopicPartition, OffsetAndMetadata> out = commits.fetchCommittedOffsets(new HashSet<>(partitions),
                deadline(System.currentTimeMillis(), timeoutMs), timeoutMs);
            return out;
        } finally {
            release();
        }
    }

    // ---- positions --------------------------------------------------------------------------------

    @Override
    public void seek(TopicPartition partition, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("seek offset must not be a negative number");
        }
        acquireAndEnsureOpen();
        try {
            log.info("Seeking to offset {} for partition {}", offset, partition);
            subscriptions.seek(partition, offset);
            fetcher.clearBufferedDataFor(Set.of(partition));
        } finally {
            release();
        }
    }

    @Override
    public void seek(TopicPartition partition, OffsetAndMetadata offsetAndMetadata) {
        long offset = offsetAndMetadata.offset();
        if (offset < 0) {
            throw new IllegalArgumentException("seek offset must not be a negative number");
        }
        acquireAndEnsureOpen();
        try {
            log.info("Seeking to {} for partition {}", offsetAndMetadata, partition);
            subscriptions.seek(partition, offset, offsetAndMetadata.leaderEpoch());
            fetcher.clearBufferedDataFor(Set.of(partition));
        } finally {
            release();
        }
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        seekTo(partitions, AutoOffsetResetStrategy.EARLIEST);
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        seekTo(partitions, AutoOffsetResetStrategy.LATEST);
    }

    private void seekTo(Collection<TopicPartition> partitions, AutoOffsetResetStrategy strategy) {
        if (partitions == null) {
            throw new IllegalArgumentException("Partitions collection cannot be null");
        }
        acquireAndEnsureOpen();
        try {
            Collection<TopicPartition> parts = partitions.isEmpty() ? subscriptions.assignedPartitions() : partitions;
            for (TopicPartition tp : parts) {
                if (!subscriptions.isAssigned(tp)) {
                    throw new IllegalStateException("No current assignment for partition " + tp);
                }
            }
            subscriptions.requestOffsetReset(parts, strategy);
            fetcher.clearBufferedDataFor(new HashSet<>(parts));
        } finally {
            release();
        }
    }

    @Override
    public long position(TopicPartition partition) {
        return position(partition, Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public long position(TopicPartition partition, Duration timeout) {
        long timeoutMs = toMillis(timeout);
        acquireAndEnsureOpen();
        try {
            if (!subscriptions.isAssigned(partition)) {
                throw new IllegalStateException("You can only check the position for partitions assigned to this consumer.");
            }
            long deadlineMs = deadline(System.currentTimeMillis(), timeoutMs);
            while (true) {
                network.maybeTriggerWakeup();
                long seen = network.events();
                long now = System.currentTimeMillis();
                if (coordinator != null) {
                    coordinator.poll(now);
                }
                updateFetchPositions(now);
                if (subscriptions.hasValidPosition(partition)) {
                    return subscriptions.position(partition);
                }
                if (now >= deadlineMs) {
                    throw new TimeoutException("Timeout of " + timeoutMs + "ms expired before the position for "
                        + "partition " + partition + " could be determined");
                }
                network.awaitEvent(seen, waitMs(now, deadlineMs));
            }
        } finally {
            release();
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch) {
        return offsetsForTimes(timestampsToSearch, Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch,
                                                                   Duration timeout) {
        long timeoutMs = toMillis(timeout);
        acquireAndEnsureOpen();
        try {
            for (Map.Entry<TopicPartition, Long> e : timestampsToSearch.entrySet()) {
                if (e.getValue() < 0) {
                    throw new IllegalArgumentException("The target time for partition " + e.getKey() + " is "
                        + e.getValue() + ". The target time cannot be negative.");
                }
            }
            Map<TopicPartition, OffsetAndTimestamp> out = new HashMap<>();
            if (timestampsToSearch.isEmpty()) {
                return out;
            }
            Map<TopicPartition, ListOffsetResult> found = offsetFetcher.fetchOffsetsByTimes(timestampsToSearch,
                deadline(System.currentTimeMillis(), timeoutMs), timeoutMs + "ms");
            for (TopicPartition tp : timestampsToSearch.keySet()) {
                ListOffsetResult r = found.get(tp);
                out.put(tp, r == null ? null : new OffsetAndTimestamp(r.offset, r.timestamp, r.leaderEpoch));
            }
            return out;
        } finally {
            release();
        }
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return beginningOffsets(partitions, Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return listOffsets(partitions, AutoOffsetResetStrategy.EARLIEST_TIMESTAMP, timeout);
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return endOffsets(partitions, Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return listOffsets(partitions, AutoOffsetResetStrategy.LATEST_TIMESTAMP, timeout);
    }

    private Map<TopicPartition, Long> listOffsets(Collection<TopicPartition> partitions, long timestamp, Duration timeout) {
        long timeoutMs = toMillis(timeout);
        acquireAndEnsureOpen();
        try {
            Map<TopicPartition, Long> timestamps = new HashMap<>();
            for (TopicPartition tp : partitions) {
                timestamps.put(tp, timestamp);
            }
            Map<TopicPartition, Long> out = new HashMap<>();
            if (timestamps.isEmpty()) {
                return out;
            }
            Map<TopicPartition, ListOffsetResult> found = offsetFetcher.fetchOffsetsByTimes(timestamps,
                deadline(System.currentTimeMillis(), timeoutMs), timeoutMs + "ms");
            found.forEach((tp, r) -> {
                if (r != null) {
                    out.put(tp, r.offset);
                }
            });
            return out;
        } finally {
            release();
        }
    }

    @Override
    public OptionalLong currentLag(TopicPartition topicPartition) {
        acquireAndEnsureOpen();
        try {
            Long lag = subscriptions.isAssigned(topicPartition)
                ? subscriptions.partitionLag(topicPartition, isolationLevel) : null;
            return lag == null ? OptionalLong.empty() : OptionalLong.of(lag);
        } finally {
            release();
        }
    }

    // ---- pause and resume -----------------------------------------------------------------------

    @Override
    public Set<TopicPartition> paused() {
        acquireAndEnsureOpen();
        try {
            return Collections.unmodifiableSet(subscriptions.pausedPartitions());
        } finally {
            release();
        }
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        acquireAndEnsureOpen();
        try {
            for (TopicPartition tp : partitions) {
                log.debug("Pausing partition {}", tp);
                subscriptions.pause(tp);
            }
        } finally {
            release();
        }
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        acquireAndEnsureOpen();
        try {
            for (TopicPartition tp : partitions) {
                log.debug("Resuming partition {}", tp);
                subscriptions.resume(tp);
            }
        } finally {
            release();
        }
    }

    // ---- metadata ---------------------------------------------------------------------------------

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return partitionsFor(topic, Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        long timeoutMs = toMillis(timeout);
        acquireAndEnsureOpen();
        try {
            List<PartitionInfo> known = metadata.fetch().partitionsForTopic(topic);
            if (known != null && !known.isEmpty()) {
                return known;
            }
            return topicMetadataFetcher.partitionsFor(topic, deadline(System.currentTimeMillis(), timeoutMs), timeoutMs);
        } finally {
            release();
        }
    }

    @Override
    public Map<String, List<PartitionInfo>> listTopics() {
        return listTopics(Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public Map<String, List<PartitionInfo>> listTopics(Duration timeout) {
        long timeoutMs = toMillis(timeout);
        acquireAndEnsureOpen();
        try {
            return topicMetadataFetcher.listTopics(deadline(System.currentTimeMillis(), timeoutMs), timeoutMs);
        } finally {
            release();
        }
    }

    // ---- group ----------------------------------------------------------------------------------

    @Override
    public ConsumerGroupMetadata groupMetadata() {
        acquireAndEnsureOpen();
        try {
            requireGroup("groupMetadata");
            return coordinator.groupMetadata();
        } finally {
            release();
        }
    }

    @Override
    public void enforceRebalance() {
        enforceRebalance(null);
    }

    @Override
    public void enforceRebalance(String reason) {
        acquireAndEnsureOpen();
        try {
            requireGroup("enforceRebalance");
            coordinator.enforceRebalance(reason == null || reason.isEmpty()
                ? "rebalance enforced by user" : "rebalance enforced by user: " + reason);
        } finally {
            release();
        }
    }

    // ---- metrics and telemetry ------------------------------------------------------------------

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return Collections.unmodifiableMap(metrics.metrics());
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        log.debug("Client telemetry is not supported; not pushing {}", metric.metricName());
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        log.debug("Client telemetry is not supported; nothing to unregister for {}", metric.metricName());
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        throw new IllegalStateException("Telemetry is not enabled: Strand does not push client metrics (KIP-714)");
    }

    // ---- wakeup and close -----------------------------------------------------------------------

    @Override
    public void wakeup() {
        network.wakeup();
    }

    @Override
    public void close() {
        close(Duration.ofMillis(DEFAULT_CLOSE_TIMEOUT_MS));
    }

    @Override
    public void close(Duration timeout) {
        close(CloseOptions.timeout(timeout));
    }

    @Override
    public void close(CloseOptions option) {
        Duration timeout = option.timeout().orElse(Duration.ofMillis(DEFAULT_CLOSE_TIMEOUT_MS));
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("The timeout cannot be negative.");
        }
        acquire();
        try {
            if (!closed) {
                doClose(toMillis(timeout), option.groupMembershipOperation());
            }
        } finally {
            closed = true;
            release();
        }
    }

    private void doClose(long timeoutMs, CloseOptions.GroupMembershipOperation operation) {
        log.trace("Closing the Kafka consumer {}", clientId);
        long deadlineMs = deadline(System.currentTimeMillis(), timeoutMs);
        RuntimeException first = null;
        if (coordinator != null) {
            boolean leave = operation == CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                || (operation == CloseOptions.GroupMembershipOperation.DEFAULT && !coordinator.group().isStatic());
            try {
                coordinator.close(deadlineMs, leave, operation == CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
            } catch (WakeupException e) {
                log.debug("Ignoring a wakeup while closing consumer {}", clientId);
            } catch (RuntimeException e) {
                log.error("Failed to close coordinator of consumer {}", clientId, e);
                first = e;
            }
        }
        fetcher.close();
        offsetFetcher.clear();
        for (AutoCloseable c : new AutoCloseable[] {metadata, networkClient, interceptors, keyDeserializer,
            valueDeserializer, metrics}) {
            try {
                c.close();
            } catch (Exception e) {
                log.error("Failed to close {} of consumer {}", c.getClass().getSimpleName(), clientId, e);
                if (first == null) {
                    first = e instanceof RuntimeException ? (RuntimeException) e : new KafkaException(e);
                }
            }
        }
        log.debug("Kafka consumer {} has been closed", clientId);
        if (first != null) {
            if (first instanceof InterruptException) {
                throw first;
            }
            throw new KafkaException("Failed to close kafka consumer", first);
        }
    }

    /** The listener subscribe(topics) uses when none is given. */
    private static final class NoOpListener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }
    }

    @Override
    public String toString() {
        return "KafkaConsumer(clientId=" + clientId + (groupId == null ? "" : ", groupId=" + groupId) + ")";
    }
}
