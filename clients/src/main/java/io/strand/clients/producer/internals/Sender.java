package io.strand.clients.producer.internals;

import io.strand.clients.internals.metadata.Metadata;
import io.strand.clients.internals.network.ClientResponse;
import io.strand.clients.internals.network.ConnectionListener;
import io.strand.clients.internals.network.NetworkClient;
import io.strand.clients.internals.network.NodeApiVersions;
import io.strand.clients.internals.network.RequestBuilder;
import io.strand.common.Cluster;
import io.strand.common.InvalidRecordException;
import io.strand.common.KafkaException;
import io.strand.common.Node;
import io.strand.common.TopicPartition;
import io.strand.common.Uuid;
import io.strand.common.errors.ClusterAuthorizationException;
import io.strand.common.errors.DisconnectException;
import io.strand.common.errors.InvalidMetadataException;
import io.strand.common.errors.NetworkException;
import io.strand.common.errors.TimeoutException;
import io.strand.common.errors.UnsupportedVersionException;
import io.strand.common.message.InitProducerId;
import io.strand.common.message.Produce;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's sender. Each round it takes the leaders with sendable batches from the
 * accumulator, drains (and so compresses) batches for those it is connected to and may send more
 * to, groups them into one Produce request per leader, fails batches past
 * {@code delivery.timeout.ms}, and sets a timer for when the next batch becomes sendable. A round
 * also runs when a response arrives or the accumulator wakes it.
 *
 * <p>Rounds run on the network client's thread, as tasks of its event loop, so that the sender
 * thread is the I/O thread as in Apache's producer: a drained request is written by the thread
 * that built it, and the next round after a response needs no hand-over to another thread. A
 * separate sender thread cost a wake-up of the event loop per request and of the sender per
 * response; with {@code max.in.flight.requests.per.connection} requests out, that turnaround is
 * what limits throughput, and it added to every record's end-to-end latency. Responses still go
 * through a queue processed at the start of a round, so that a request that fails at once
 * (inside {@code send}) is not handled while the round that sent it is half done. All batch and
 * sequence state is touched by this thread only, and callbacks run on it, in order: like
 * Apache's, they must not block.
 *
 * <p>Errors: a retriable error (NOT_LEADER_OR_FOLLOWER, a timeout, a dropped connection, ...)
 * puts the batch back in its queue, after a backoff, while {@code retries} and
 * {@code delivery.timeout.ms} allow; an error that says the metadata is stale also asks for a
 * refresh. Anything else fails the batch's records with the broker's error. With idempotence the
 * {@link IdempotenceManager} decides what a sequence error means, and a batch whose own attempts
 * failed or timed out is reported written, without an offset, once the broker has acknowledged a
 * later sequence of its partition (it takes sequence n+1 only after n).
 */
public final class Sender {

    private static final Logger log = LoggerFactory.getLogger(Sender.class);
    private static final short PRODUCE_MIN_VERSION = 3;
    private static final short PRODUCE_LAST_VERSION_WITH_NAMES = 12;
    /** A safety net: a round runs at least this often even if nobody wakes the sender. */
    private static final long MAX_ROUND_INTERVAL_MS = 1000;

    private final NetworkClient client;
    private final Metadata metadata;
    private final RecordAccumulator accumulator;
    private final IdempotenceManager idempotence;
    private final ProducerInterceptors<?, ?> interceptors;
    private final SenderMetrics metrics;
    private final short acks;
    private final int maxRequestSize;
    private final int requestTimeoutMs;
    private final int retries;
    private final int maxInFlight;
    private final long retryBackoffMs;
    private final long retryBackoffMaxMs;
    private final long deliveryTimeoutMs;
    private final boolean guaranteeOrder;

    private final ConcurrentLinkedQueue<Runnable> completions = new ConcurrentLinkedQueue<>();
    private final Map<Integer, Integer> inFlightByNode = new HashMap<>();
    /** Batches whose Produce request is out, by partition: they expire at delivery.timeout.ms too. */
    private final Map<TopicPartition, List<ProducerBatch>> inFlightBatches = new HashMap<>();
    private final AtomicInteger inFlightRequests = new AtomicInteger();
    /** A round is queued on the network thread and has not started yet: further wake-ups are free. */
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean forceClose;
    private volatile RuntimeException fatalError;

    /** Network thread only: the timer of the next round, and when it fires. */
    private Future<?> timer;
    private long timerDeadlineNanos;
    private boolean stopped;

    private boolean initInFlight;
    private long nextInitAttemptMs;
    private int initFailures;

    /**
     * @param idempotence the producer's sequence state, or null without idempotence
     * @param maxInFlight max.in.flight.requests.per.connection; 1 without idempotence keeps order by
     *     holding back a partition while one of its batches is out
     */
    public Sender(NetworkClient client, Metadata metadata, RecordAccumulator accumulator,
                  IdempotenceManager idempotence, ProducerInterceptors<?, ?> interceptors, SenderMetrics metrics,
                  short acks, int maxRequestSize, int requestTimeoutMs, int retries, int maxInFlight,
                  long retryBackoffMs, long retryBackoffMaxMs, long deliveryTimeoutMs) {
        this.client = client;
        this.metadata = metadata;
        this.accumulator = accumulator;
        this.idempotence = idempotence;
        this.interceptors = interceptors;
        this.metrics = metrics;
        this.acks = acks;
        this.maxRequestSize = maxRequestSize;
        this.requestTimeoutMs = requestTimeoutMs;
        this.retries = retries;
        this.maxInFlight = maxInFlight;
        this.retryBackoffMs = retryBackoffMs;
        this.retryBackoffMaxMs = Math.max(retryBackoffMs, retryBackoffMaxMs);
        this.deliveryTimeoutMs = deliveryTimeoutMs;
        this.guaranteeOrder = maxInFlight == 1 && idempotence == null;
        client.addListener(new ConnectionListener() {
            @Override
            public void onReady(Node node, NodeApiVersions versions) {
                wakeup();
            }

            @Override
            public void onDisconnected(Node node, Throwable cause) {
                metadata.requestUpdate();
                wakeup();
            }
        });
    }

    /** The clock the producer's timing uses: monotonic milliseconds, not wall time. */
    public static long nowMs() {
        return System.nanoTime() / 1_000_000L;
    }

    /** Starts the rounds on the network client's thread. */
    public void start() {
        log.debug("Starting the producer sender on the network thread");
        wakeup();
    }

    /** One round on the network thread, then the next one queued or timed. */
    private void round() {
        wakeupPending.set(false);
        if (stopped) {
            return;
        }
        boolean delivering = running || (!forceClose && (accumulator.hasUndrained() || inFlightRequests.get() > 0));
        if (!delivering) {
            shutdown();
            return;
        }
        long delayMs;
        try {
            delayMs = runOnce();
        } catch (Exception e) {
            log.error("Uncaught error in the producer sender", e);
            delayMs = retryBackoffMs;
        }
        scheduleNext(delayMs);
    }

    /** Queues the next round now, or sets the timer unless an earlier one is set already. */
    private void scheduleNext(long delayMs) {
        if (delayMs <= 0) {
            wakeup();
            return;
        }
        long delay = Math.min(delayMs, MAX_ROUND_INTERVAL_MS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
        // A timer still set fires at or before this deadline: keep it (onTimer clears the one that fired).
        if (timer != null && timerDeadlineNanos - deadline <= 0) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timer = client.scheduleTimer(this::onTimer, delay);
        timerDeadlineNanos = deadline;
    }

    private void onTimer() {
        timer = null; // it is running, so not done yet: it must not count as the next one
        round();
    }

    /** After close: what could be delivered was; fail the rest, close the network client, and say so. */
    private void shutdown() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (forceClose || accumulator.hasIncomplete()) {
            accumulator.abortIncompleteBatches(new KafkaException("Producer is closed forcefully."), interceptors);
        }
        metadata.close();
        // Called on its own thread, the client fails what is pending before it returns, and the
        // thread ends after this task.
        client.close();
        // Give the memory of the batches whose requests the close just failed back.
        processCompletions();
        log.debug("Shutdown of the producer sender complete");
        terminated.countDown();
    }

    /**
     * One round: drain and send what is sendable, fail what expired.
     *
     * @return milliseconds until the next round is due unless something wakes the sender (0: at once)
     */
    long runOnce() {
        processCompletions();
        long now = nowMs();
        if (idempotence != null && fatalError == null) {
            idempotence.maybeResolveSequences();
            idempotence.bumpEpochIfNeeded();
            maybeInitProducerId(now);
        }
        if (fatalError != null) {
            accumulator.abortIncompleteBatches(fatalError, interceptors);
        }
        Cluster cluster = metadata.fetch();
        RecordAccumulator.ReadyCheckResult ready = accumulator.ready(cluster, now);
        if (!ready.unknownLeaderTopics.isEmpty()) {
            metadata.addTopics(ready.unknownLeaderTopics);
            metadata.requestUpdate();
        }
        long notReadyDelayMs = Long.MAX_VALUE;
        for (Iterator<Node> it = ready.readyNodes.iterator(); it.hasNext(); ) {
            Node node = it.next();
            if (!client.isReady(node)) {
                client.ready(node);
                long delay = client.connectionDelayMs(node);
                notReadyDelayMs = Math.min(notReadyDelayMs, delay > 0 ? delay : MAX_ROUND_INTERVAL_MS);
                it.remove();
            } else if (inFlightByNode.getOrDefault(node.id(), 0) >= maxInFlight) {
                it.remove();
            }
        }
        Map<Integer, List<ProducerBatch>> batches = accumulator.drain(cluster, ready.readyNodes, maxRequestSize, now);
        failExpiredBatches(now);
        for (Map.Entry<Integer, List<ProducerBatch>> e : batches.entrySet()) {
            Node node = cluster.nodeById(e.getKey());
            if (guaranteeOrder) {
                for (ProducerBatch b : e.getValue()) {
                    accumulator.mutePartition(b.topicPartition());
                }
            }
            sendProduceRequest(node, e.getValue(), cluster, now);
        }
        long timeout = Math.min(ready.nextReadyCheckDelayMs, notReadyDelayMs);
        timeout = Math.min(timeout, accumulator.nextExpiryDelayMs(now));
        timeout = Math.min(timeout, nextInFlightExpiryDelayMs(now));
        if (!ready.unknownLeaderTopics.isEmpty()) {
            timeout = Math.min(timeout, retryBackoffMs);
        }
        if (idempotence != null && !idempotence.hasProducerId() && !initInFlight) {
            timeout = Math.min(timeout, Math.max(0, nextInitAttemptMs - now));
        }
        if (!batches.isEmpty()) {
            timeout = 0;
        }
        return timeout;
    }

    private void processCompletions() {
        Runnable r;
        while ((r = completions.poll()) != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.error("Error while completing a producer request", e);
            }
        }
    }

    /**
     * Fails batches older than delivery.timeout.ms, queued or in flight: the timeout bounds the time
     * from send() to the callback, so a batch whose request is still out is failed too, as Apache's
     * producer does, instead of up to request.timeout.ms later when the request ends.
     */
    private void failExpiredBatches(long now) {
        for (List<ProducerBatch> batches : inFlightBatches.values()) {
            for (ProducerBatch batch : batches) {
                if (!batch.isDone() && batch.hasReachedDeliveryTimeout(deliveryTimeoutMs, now)) {
                    if (idempotence != null && idempotence.isKnownWritten(batch)) {
                        // A later sequence was acknowledged, so this one is in the log; the memory
                        // waits for the request to end, as below.
                        recordWritten(batch);
                        batch.complete(-1L, -1L, interceptors);
                        continue;
                    }
                    TimeoutException e = expired(batch, now);
                    if (idempotence != null) {
                        // Sent at least once, so maybe in the log: new batches wait until the partition is settled.
                        idempotence.markSequenceUnresolved(batch);
                        idempotence.handleFailedBatch(batch, e, false);
                    }
                    metrics.recordErrors.record(batch.recordCount());
                    // Its memory stays allocated until the request ends: the bytes may still be on the wire.
                    batch.completeExceptionally(e, interceptors);
                }
            }
        }
        for (ProducerBatch batch : accumulator.expiredBatches(now)) {
            if (idempotence != null && batch.inRetry() && idempotence.isKnownWritten(batch)) {
                // Waiting for a retry that a later acknowledged sequence has made pointless.
                succeed(batch, -1L, -1L);
                continue;
            }
            TimeoutException e = expired(batch, now);
            if (idempotence != null && batch.inRetry()) {
                // It may or may not be in the log: new batches wait until those in flight settle it.
                idempotence.markSequenceUnresolved(batch);
            }
            failBatch(batch, e, null, false);
        }
    }

    private TimeoutException expired(ProducerBatch batch, long now) {
        return new TimeoutException("Expiring " + batch.recordCount() + " record(s) for " + batch.topicPartition()
            + ":" + (now - batch.createdMs()) + " ms has passed since batch creation (delivery.timeout.ms is "
            + deliveryTimeoutMs + ")");
    }

    private long nextInFlightExpiryDelayMs(long now) {
        long next = Long.MAX_VALUE;
        for (List<ProducerBatch> batches : inFlightBatches.values()) {
            for (ProducerBatch batch : batches) {
                if (!batch.isDone()) {
                    next = Math.min(next, Math.max(0, batch.createdMs() + deliveryTimeoutMs - now));
                }
            }
        }
        return next;
    }

    // ---- Produce ----

    private void sendProduceRequest(Node node, List<ProducerBatch> batches, Cluster cluster, long now) {
        Map<String, List<ProducerBatch>> byTopic = new LinkedHashMap<>();
        Map<String, Uuid> topicIds = new HashMap<>();
        boolean allIds = true;
        int records = 0;
        for (ProducerBatch b : batches) {
            String topic = b.topicPartition().topic();
            byTopic.computeIfAbsent(topic, t -> new ArrayList<>(4)).add(b);
            Uuid id = cluster.topicId(topic);
            topicIds.put(topic, id);
            allIds &= !Uuid.ZERO_UUID.equals(id);
            records += b.recordCount();
            inFlightBatches.computeIfAbsent(b.topicPartition(), tp -> new ArrayList<>(maxInFlight)).add(b);
            accumulator.onRequestSent(b, node.id());
            metrics.batchSize.record(b.estimatedSizeInBytes());
            metrics.compressionRate.record(b.compressionRatio());
            metrics.queueTime.record(now - b.createdMs());
        }
        metrics.recordsPerRequest.record(records);
        // Produce v13 names topics by id; without an id for every topic, stay at v12.
        short latest = allIds ? Short.MAX_VALUE : PRODUCE_LAST_VERSION_WITH_NAMES;
        RequestBuilder builder = RequestBuilder.ofVersions(PRODUCE_MIN_VERSION, latest,
            version -> produceRequest(version, byTopic, topicIds));
        inFlightByNode.merge(node.id(), 1, Integer::sum);
        inFlightRequests.incrementAndGet();
        CompletableFuture<ClientResponse> f = acks == 0
            ? client.sendNoResponse(node, ApiKeys.PRODUCE, builder, requestTimeoutMs)
            : client.send(node, ApiKeys.PRODUCE, builder, requestTimeoutMs);
        f.whenComplete((response, error) -> {
            completions.add(() -> handleProduceResponse(node, batches, topicIds, response, error));
            wakeup();
        });
    }

    private Struct produceRequest(short version, Map<String, List<ProducerBatch>> byTopic, Map<String, Uuid> ids) {
        List<Struct> topics = new ArrayList<>(byTopic.size());
        for (Map.Entry<String, List<ProducerBatch>> e : byTopic.entrySet()) {
            List<Struct> partitions = new ArrayList<>(e.getValue().size());
            for (ProducerBatch b : e.getValue()) {
                partitions.add(Produce.Request.PartitionData.SCHEMA.newStruct()
                    .set(Produce.Request.PartitionData.INDEX, b.topicPartition().partition())
                    .set(Produce.Request.PartitionData.RECORDS, b.records()));
            }
            Struct topic = Produce.Request.TopicData.SCHEMA.newStruct()
                .set(Produce.Request.TopicData.PARTITION_DATA, partitions);
            if (version > PRODUCE_LAST_VERSION_WITH_NAMES) {
                topic.set(Produce.Request.TopicData.TOPIC_ID, ids.get(e.getKey()));
            } else {
                topic.set(Produce.Request.TopicData.NAME, e.getKey());
            }
            topics.add(topic);
        }
        return Produce.DEFINITION.newRequest()
            .set(Produce.Request.TRANSACTIONAL_ID, null)
            .setShort(Produce.Request.ACKS, acks)
            .set(Produce.Request.TIMEOUT_MS, requestTimeoutMs)
            .set(Produce.Request.TOPIC_DATA, topics);
    }

    private void handleProduceResponse(Node node, List<ProducerBatch> batches, Map<String, Uuid> topicIds,
                                       ClientResponse response, Throwable error) {
        inFlightByNode.merge(node.id(), -1, Integer::sum);
        inFlightRequests.decrementAndGet();
        for (ProducerBatch b : batches) {
            accumulator.onRequestEnded(b);
        }
        long now = nowMs();
        if (error != null) {
            handleRequestFailure(batches, unwrap(error), now);
            return;
        }
        try {
            metrics.requestLatency.record(response.latencyMs());
            if (!response.hasResponse()) {
                // acks=0: written is all there is to know.
                for (ProducerBatch b : batches) {
                    completeBatch(b, Errors.NONE, -1L, -1L, -1L, null, null, null, now);
                }
                return;
            }
            Struct body = response.body();
            metrics.throttleTime.record(body.getInt(Produce.Response.THROTTLE_TIME_MS));
            Map<TopicPartition, ProducerBatch> byPartition = new HashMap<>(batches.size() * 2);
            for (ProducerBatch b : batches) {
                byPartition.put(b.topicPartition(), b);
            }
            Map<Uuid, String> namesById = new HashMap<>();
            topicIds.forEach((name, id) -> namesById.put(id, name));
            for (Struct topic : body.get(Produce.Response.RESPONSES)) {
                String name = response.version() > PRODUCE_LAST_VERSION_WITH_NAMES
                    ? namesById.get(topic.get(Produce.Response.TopicResponse.TOPIC_ID))
                    : topic.get(Produce.Response.TopicResponse.NAME);
                for (Struct p : topic.get(Produce.Response.TopicResponse.PARTITION_RESPONSES)) {
                    TopicPartition tp = new TopicPartition(name, p.getInt(Produce.Response.PartitionResponse.INDEX));
                    ProducerBatch batch = byPartition.remove(tp);
                    if (batch == null) {
                        log.warn("Produce response from {} names {}, which the request did not carry",
                            NetworkClient.describe(node), tp);
                        continue;
                    }
                    completeBatch(batch, Errors.forCode(p.getShort(Produce.Response.PartitionResponse.ERROR_CODE)),
                        p.getLong(Produce.Response.PartitionResponse.BASE_OFFSET),
                        p.getLong(Produce.Response.PartitionResponse.LOG_APPEND_TIME_MS),
                        p.getLong(Produce.Response.PartitionResponse.LOG_START_OFFSET),
                        p.get(Produce.Response.PartitionResponse.RECORD_ERRORS),
                        p.get(Produce.Response.PartitionResponse.ERROR_MESSAGE), null, now);
                }
            }
            for (ProducerBatch missing : byPartition.values()) {
                completeBatch(missing, Errors.NETWORK_EXCEPTION, -1L, -1L, -1L, null, null,
                    new NetworkException("The Produce response from " + NetworkClient.describe(node)
                        + " did not mention " + missing.topicPartition()), now);
            }
        } finally {
            response.release();
        }
    }

    /** The request got no response: a timeout or a lost connection is retriable; a version problem is not. */
    private void handleRequestFailure(List<ProducerBatch> batches, Throwable cause, long now) {
        Errors error;
        RuntimeException exception;
        if (cause instanceof TimeoutException) {
            error = Errors.REQUEST_TIMED_OUT;
            exception = (TimeoutException) cause;
        } else if (cause instanceof DisconnectException || cause instanceof NetworkException) {
            error = Errors.NETWORK_EXCEPTION;
            exception = (RuntimeException) cause;
        } else if (cause instanceof UnsupportedVersionException) {
            error = Errors.UNSUPPORTED_VERSION;
            exception = (UnsupportedVersionException) cause;
        } else {
            error = Errors.UNKNOWN_SERVER_ERROR;
            exception = cause instanceof RuntimeException ? (RuntimeException) cause
                : new KafkaException("Produce request failed: " + cause, cause);
        }
        if (error != Errors.UNSUPPORTED_VERSION) {
            metadata.requestUpdate();
        }
        for (ProducerBatch b : batches) {
            completeBatch(b, error, -1L, -1L, -1L, null, null, exception, now);
        }
    }

    /**
     * Completes, retries or fails one batch after its Produce request ended.
     *
     * @param clientSide the client's own exception when the request got no answer, named to the user
     *     instead of the generic error if the batch fails
     */
    private void completeBatch(ProducerBatch batch, Errors error, long baseOffset, long logAppendTime,
                               long logStartOffset, List<Struct> recordErrors, String errorMessage,
                               RuntimeException clientSide, long now) {
        if (guaranteeOrder) {
            accumulator.unmutePartition(batch.topicPartition());
        }
        List<ProducerBatch> partitionInFlight = inFlightBatches.get(batch.topicPartition());
        if (partitionInFlight != null && partitionInFlight.remove(batch) && partitionInFlight.isEmpty()) {
            inFlightBatches.remove(batch.topicPartition());
        }
        if (batch.isDone()) {
            // Expired while in flight, or aborted: the user knows. An acknowledgement still counts for
            // the partition's numbering, which was left unresolved; the memory can go back now.
            if (idempotence != null) {
                if (error == Errors.NONE || error == Errors.DUPLICATE_SEQUENCE_NUMBER) {
                    idempotence.handleCompletedBatch(batch);
                } else {
                    idempotence.forgetInFlight(batch);
                }
            }
            accumulator.deallocate(batch);
            return;
        }
        if (error == Errors.NONE) {
            succeed(batch, baseOffset, logAppendTime);
            return;
        }
        if ((error.isRetriable() || error == Errors.OUT_OF_ORDER_SEQUENCE_NUMBER) && idempotence != null
            && idempotence.isKnownWritten(batch)) {
            // A later sequence was acknowledged: this batch is in the log, though this answer (a
            // timeout, or a retry too far behind for the broker's window of recent batches) cannot say
            // where. Retrying could only end in OUT_OF_ORDER_SEQUENCE_NUMBER or an expiry.
            log.info("Batch of {} record(s) for {} with sequence {} got {}, but the broker has acknowledged a "
                + "later sequence, so it was written; completing it without its offset", batch.recordCount(),
                batch.topicPartition(), batch.baseSequence(), error);
            succeed(batch, -1L, -1L);
            return;
        }
        if (error == Errors.MESSAGE_TOO_LARGE && batch.recordCount() > 1 && !batch.isDone() && !forceClose
            && !batch.hasReachedDeliveryTimeout(deliveryTimeoutMs, now)) {
            int parts = accumulator.splitAndReenqueue(batch, now);
            log.warn("Got error produce response on topic-partition {}: the batch of {} records is too large for "
                + "the broker ({}); split into {} batches and retrying", batch.topicPartition(), batch.recordCount(),
                errorMessage == null ? error : errorMessage, parts);
            metrics.batchSplits.record();
            accumulator.deallocate(batch);
            return;
        }
        if (canRetry(batch, error, logStartOffset, now)) {
            log.warn("Got error produce response on topic-partition {}, retrying ({} attempts left). Error: {}",
                batch.topicPartition(), retries - batch.attempts() - 1,
                clientSide != null ? clientSide.getMessage() : error + (errorMessage == null ? "" : ": " + errorMessage));
            metrics.recordRetries.record(batch.recordCount());
            accumulator.reenqueue(batch, now);
        } else if (error == Errors.DUPLICATE_SEQUENCE_NUMBER) {
            // The broker has this batch already: it was written by an earlier attempt.
            succeed(batch, baseOffset, logAppendTime);
        } else {
            RuntimeException exception = clientSide != null ? clientSide : failure(error, batch, errorMessage);
            failBatch(batch, exception, recordErrors, true);
        }
        if (error.exception() instanceof InvalidMetadataException) {
            if (error == Errors.UNKNOWN_TOPIC_OR_PARTITION) {
                log.warn("Received unknown topic or partition error in produce request on partition {}. The "
                    + "topic-partition may not exist or the user may not have Describe access to it",
                    batch.topicPartition());
            }
            metadata.requestUpdate();
        }
    }

    private boolean canRetry(ProducerBatch batch, Errors error, long logStartOffset, long now) {
        if (batch.isDone() || forceClose || batch.attempts() >= retries
            || batch.hasReachedDeliveryTimeout(deliveryTimeoutMs, now)) {
            return false;
        }
        return idempotence == null ? error.isRetriable() : idempotence.canRetry(error, logStartOffset, batch);
    }

    private static RuntimeException failure(Errors error, ProducerBatch batch, String errorMessage) {
        if (error == Errors.CLUSTER_AUTHORIZATION_FAILED) {
            return new ClusterAuthorizationException("The producer is not authorized to do idempotent sends");
        }
        if (error == Errors.TOPIC_AUTHORIZATION_FAILED) {
            return new io.strand.common.errors.TopicAuthorizationException(
                java.util.Set.of(batch.topicPartition().topic()));
        }
        return error.exception(errorMessage);
    }

    private void succeed(ProducerBatch batch, long baseOffset, long logAppendTime) {
        // Metrics and memory first: once the batch completes, flush() may return and read them.
        recordWritten(batch);
        accumulator.deallocate(batch);
        batch.complete(baseOffset, logAppendTime, interceptors);
    }

    /** The sequence and metrics bookkeeping of a batch that is in the log, before its callbacks run. */
    private void recordWritten(ProducerBatch batch) {
        if (idempotence != null) {
            idempotence.handleCompletedBatch(batch);
        }
        if (!batch.isDone()) {
            metrics.recordsSent.record(batch.recordCount());
        }
    }

    private void failBatch(ProducerBatch batch, RuntimeException exception, List<Struct> recordErrors,
                           boolean adjustSequences) {
        if (idempotence != null) {
            idempotence.handleFailedBatch(batch, exception, adjustSequences);
        }
        IntFunction<RuntimeException> perRecord = i -> exception;
        if (recordErrors != null && !recordErrors.isEmpty()) {
            Map<Integer, String> invalid = new HashMap<>();
            for (Struct e : recordErrors) {
                invalid.put(e.getInt(Produce.Response.BatchIndexAndErrorMessage.BATCH_INDEX),
                    e.get(Produce.Response.BatchIndexAndErrorMessage.BATCH_INDEX_ERROR_MESSAGE));
            }
            KafkaException innocent = new KafkaException("Failed to append record because it was part of a batch "
                + "which had one more more invalid records");
            perRecord = i -> invalid.containsKey(i)
                ? new InvalidRecordException(invalid.get(i) == null ? exception.getMessage() : invalid.get(i))
                : innocent;
        }
        if (!batch.isDone()) {
            metrics.recordErrors.record(batch.recordCount());
        }
        accumulator.deallocate(batch);
        batch.completeExceptionally(perRecord, interceptors);
    }

    // ---- InitProducerId ----

    private void maybeInitProducerId(long now) {
        if (idempotence.hasProducerId() || initInFlight || now < nextInitAttemptMs) {
            return;
        }
        Node node = client.leastLoadedNode(metadata.fetch());
        if (node == null) {
            nextInitAttemptMs = now + retryBackoffMs;
            return;
        }
        initInFlight = true;
        RequestBuilder builder = version -> InitProducerId.DEFINITION.newRequest()
            .set(InitProducerId.Request.TRANSACTIONAL_ID, null)
            .set(InitProducerId.Request.TRANSACTION_TIMEOUT_MS, Integer.MAX_VALUE)
            .set(InitProducerId.Request.PRODUCER_ID, -1L)
            .setShort(InitProducerId.Request.PRODUCER_EPOCH, -1);
        client.send(node, ApiKeys.INIT_PRODUCER_ID, builder, requestTimeoutMs).whenComplete((response, error) -> {
            completions.add(() -> handleInitProducerId(node, response, error));
            wakeup();
        });
    }

    private void handleInitProducerId(Node node, ClientResponse response, Throwable error) {
        initInFlight = false;
        long now = nowMs();
        if (error != null) {
            log.debug("InitProducerId to {} failed, will retry: {}", NetworkClient.describe(node), unwrap(error).toString());
            backOffInit(now);
            return;
        }
        Struct body = response.body();
        Errors e = Errors.forCode(body.getShort(InitProducerId.Response.ERROR_CODE));
        if (e == Errors.NONE) {
            initFailures = 0;
            idempotence.setProducerIdAndEpoch(body.getLong(InitProducerId.Response.PRODUCER_ID),
                body.getShort(InitProducerId.Response.PRODUCER_EPOCH));
        } else if (e.isRetriable()) {
            log.debug("InitProducerId to {} answered {}, will retry", NetworkClient.describe(node), e);
            backOffInit(now);
        } else {
            RuntimeException fatal = e == Errors.CLUSTER_AUTHORIZATION_FAILED
                ? new ClusterAuthorizationException("The producer is not authorized to do idempotent sends "
                    + "(InitProducerId answered CLUSTER_AUTHORIZATION_FAILED)")
                : new KafkaException("The producer could not get a producer id for idempotence: " + e, e.exception());
            log.error("Idempotent producer failed for good", fatal);
            fatalError = fatal;
        }
    }

    private void backOffInit(long now) {
        initFailures++;
        long backoff = (long) Math.min(retryBackoffMaxMs, retryBackoffMs * Math.pow(2, Math.min(initFailures - 1, 30)));
        nextInitAttemptMs = now + backoff;
    }

    // ---- lifecycle ----

    /** Queues a round on the network thread. Cheap when one is queued already; safe from any thread. */
    public void wakeup() {
        if (!wakeupPending.getAndSet(true)) {
            client.schedule(this::round, 0);
        }
    }

    /** Stops taking records and, after what is buffered is delivered, the sender and the network client. */
    public void initiateClose() {
        accumulator.close();
        running = false;
        wakeup();
    }

    /** Fails whatever is buffered or in flight and stops soon. */
    public void forceClose() {
        forceClose = true;
        initiateClose();
    }

    public boolean isRunning() {
        return running;
    }

    /** Waits until the sender has stopped and closed the network client; true if it has. */
    public boolean awaitTermination(long timeoutMs) throws InterruptedException {
        return terminated.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** The error that stopped idempotent sends for good (InitProducerId refused), or null. */
    public RuntimeException fatalError() {
        return fatalError;
    }

    public int inFlightRequests() {
        return inFlightRequests.get();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
