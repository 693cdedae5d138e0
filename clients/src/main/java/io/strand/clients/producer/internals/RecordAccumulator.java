package io.strand.clients.producer.internals;

import io.netty.buffer.ByteBuf;
import io.strand.clients.producer.internals.BuiltInPartitioner.StickyPartition;
import io.strand.common.Cluster;
import io.strand.common.KafkaException;
import io.strand.common.Node;
import io.strand.common.PartitionInfo;
import io.strand.common.TopicPartition;
import io.strand.common.compress.Compression;
import io.strand.common.header.Header;
import io.strand.common.record.DefaultRecordBatch;
import io.strand.common.record.DefaultRecordWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-partition queues of batches between the threads that call {@code send} and the sender.
 *
 * <p>Each record is encoded once, into the open (last) batch of its partition's queue; a new
 * batch takes its memory from the {@link BufferPool}, waiting outside any lock. Each partition
 * queue has its own lock, so threads sending to different partitions never contend, and the map
 * from topic to queues is read without locking (a queue array per topic, indexed by partition),
 * so the send path allocates nothing beyond the record's own future.
 *
 * <p>The sender asks which leaders have sendable batches ({@link #ready}), takes batches for them
 * ({@link #drain}, where batches are closed and compressed, outside the queue lock), puts
 * retriable failures back in order ({@link #reenqueue}) and expires what waited longer than
 * {@code delivery.timeout.ms}.
 *
 * <p>With idempotence, a partition whose batches are in Produce requests to one node sends nothing
 * to another node until those requests have ended (see {@link #onRequestSent}).
 */
public final class RecordAccumulator {

    /** Compressed/uncompressed ratio estimates move down slowly and up fast, as Apache's do. */
    private static final float RATIO_IMPROVING_STEP = 0.005f;
    private static final float RATIO_DETERIORATING_STEP = 0.05f;

    private final int batchSize;
    private final long lingerMs;
    private final long deliveryTimeoutMs;
    private final long retryBackoffMs;
    private final long retryBackoffMaxMs;
    private final Compression compression;
    private final BufferPool pool;
    private final IdempotenceManager idempotence;
    private final Runnable wakeSender;
    private final ConcurrentHashMap<String, TopicQueues> topics = new ConcurrentHashMap<>();
    private final Set<ProducerBatch> incomplete = ConcurrentHashMap.newKeySet();
    private final AtomicInteger appendsInProgress = new AtomicInteger();
    private final AtomicInteger flushesInProgress = new AtomicInteger();
    private final Map<Integer, Integer> drainIndexByNode = new HashMap<>();
    private volatile boolean closed;

    /**
     * @param idempotence the producer's sequence state, or null without idempotence
     * @param wakeSender called when a batch becomes sendable sooner than the sender expects
     */
    public RecordAccumulator(int batchSize, long lingerMs, long deliveryTimeoutMs, long retryBackoffMs,
                             long retryBackoffMaxMs, Compression compression, BufferPool pool,
                             IdempotenceManager idempotence, Runnable wakeSender) {
        this.batchSize = Math.max(1, batchSize);
        this.lingerMs = lingerMs;
        this.deliveryTimeoutMs = deliveryTimeoutMs;
        this.retryBackoffMs = retryBackoffMs;
        this.retryBackoffMaxMs = Math.max(retryBackoffMs, retryBackoffMaxMs);
        this.compression = compression;
        this.pool = pool;
        this.idempotence = idempotence;
        this.wakeSender = wakeSender;
    }

    /** The most bytes a batch holding just this record can take, for size checks and sizing. */
    public static int sizeUpperBound(byte[] key, byte[] value, Header[] headers) {
        return sizeUpperBound(key == null ? -1 : key.length, value == null ? -1 : value.length, headers);
    }

    static int sizeUpperBound(int keySize, int valueSize, Header[] headers) {
        return DefaultRecordBatch.RECORD_BATCH_OVERHEAD + DefaultRecordWriter.sizeUpperBound(keySize, valueSize, headers);
    }

    /**
     * Encodes a record into its partition's open batch, starting a batch (and waiting up to
     * {@code maxBlockMs} for memory) when there is none or it is full.
     *
     * @param partition the partition, or -1 for the built-in sticky choice of records without a key
     * @return the partition the record went to
     * @throws io.strand.clients.producer.BufferExhaustedException if memory did not come in time
     * @throws KafkaException if the producer is closing
     */
    public int append(String topic, int partition, long timestamp, byte[] key, byte[] value, Header[] headers,
                      RecordFuture future, long maxBlockMs, long nowMs, Cluster cluster) throws InterruptedException {
        appendsInProgress.incrementAndGet();
        ByteBuf buffer = null;
        int reserved = 0;
        try {
            TopicQueues tq = topicQueues(topic);
            while (true) {
                StickyPartition sticky = partition < 0 ? tq.partitioner.peekCurrentPartition(cluster) : null;
                int p = sticky == null ? partition : sticky.partition();
                PartitionQueue q = tq.queue(p);
                if (buffer == null) {
                    synchronized (q) {
                        checkOpen();
                        if (sticky != null && sticky != tq.partitioner.peekCurrentPartition(cluster)) {
                            continue;
                        }
                        int appended = tryAppend(q, timestamp, key, value, headers, future);
                        if (appended >= 0) {
                            afterAppend(tq, q, sticky, appended, cluster);
                            return p;
                        }
                        if (movedOn(tq, sticky, cluster)) {
                            continue;
                        }
                    }
                    reserved = Math.max(batchSize, sizeUpperBound(key, value, headers));
                    buffer = pool.allocate(reserved, maxBlockMs);
                }
                synchronized (q) {
                    checkOpen();
                    if (sticky != null && sticky != tq.partitioner.peekCurrentPartition(cluster)) {
                        continue; // the sticky choice moved while we waited; keep the buffer for the new one
                    }
                    int appended = tryAppend(q, timestamp, key, value, headers, future);
                    if (appended < 0 && movedOn(tq, sticky, cluster)) {
                        continue; // keep the buffer for the new partition
                    }
                    if (appended < 0) {
                        ProducerBatch batch = new ProducerBatch(q.tp, buffer, reserved, compression, batchSize,
                            tq.compressionRatio, nowMs);
                        buffer = null;
                        if (!batch.tryAppend(timestamp, key, value, headers, future)) {
                            throw new IllegalStateException("A new batch refused its first record");
                        }
                        q.batches.addLast(batch);
                        incomplete.add(batch);
                        appended = batch.estimatedSizeInBytes();
                    }
                    afterAppend(tq, q, sticky, appended, cluster);
                }
                // A new batch starts a linger timer the sender does not know about yet.
                wakeSender.run();
                return p;
            }
        } finally {
            if (buffer != null) {
                pool.deallocate(buffer, reserved);
            }
            appendsInProgress.decrementAndGet();
        }
    }

    private TopicQueues topicQueues(String topic) {
        TopicQueues tq = topics.get(topic);
        if (tq == null) {
            tq = topics.computeIfAbsent(topic, t -> new TopicQueues(t, batchSize));
        }
        return tq;
    }

    /**
     * Appends to the queue's open batch; the bytes the batch grew by, or -1 if there is no open
     * batch. A batch the record does not fit is closed for appends and the sender woken: it is
     * full and sendable now.
     */
    private int tryAppend(PartitionQueue q, long timestamp, byte[] key, byte[] value, Header[] headers,
                          RecordFuture future) {
        ProducerBatch last = q.batches.peekLast();
        if (last == null || last.isClosed()) {
            return -1;
        }
        int before = last.estimatedSizeInBytes();
        if (!last.tryAppend(timestamp, key, value, headers, future)) {
            if (!last.isFull()) {
                last.closeForAppends();
                wakeSender.run();
            }
            return -1;
        }
        return last.estimatedSizeInBytes() - before;
    }

    /**
     * Called under the queue lock when the queue has no open batch (every batch in it is full):
     * the point where KIP-794 lets the sticky choice move on once it has had {@code batch.size}
     * bytes. True if it moved, so that the record starts a batch in the new partition instead of
     * a second batch here, which would sit half-filled until linger.ms once the choice moved.
     */
    private static boolean movedOn(TopicQueues tq, StickyPartition sticky, Cluster cluster) {
        if (sticky == null) {
            return false;
        }
        tq.partitioner.updatePartitionInfo(sticky, 0, cluster, true);
        return sticky != tq.partitioner.peekCurrentPartition(cluster);
    }

    /**
     * Called under the queue lock after an append: feeds the sticky partitioner, and wakes the
     * sender when the open batch just became full (an append succeeds only on a batch that was not).
     */
    private void afterAppend(TopicQueues tq, PartitionQueue q, StickyPartition sticky, int appended, Cluster cluster) {
        boolean full = q.batches.peekLast().isFull();
        if (sticky != null) {
            tq.partitioner.updatePartitionInfo(sticky, appended, cluster, full);
        }
        if (full) {
            wakeSender.run();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new KafkaException("Producer closed while send in progress");
        }
    }

    // ---- sender side ----

    /**
     * Which leaders have a batch to send now, and how long until the next one might be: a batch is
     * sendable when it is full, its linger has passed, memory is short, a flush waits or the
     * producer closes, unless it is backing off after a failure.
     */
    public ReadyCheckResult ready(Cluster cluster, long nowMs) {
        Set<Node> readyNodes = new HashSet<>();
        Set<String> unknownLeaderTopics = new HashSet<>();
        long nextReadyCheckDelayMs = Long.MAX_VALUE;
        boolean exhausted = pool.queued() > 0;
        boolean forced = closed || flushInProgress() || exhausted;
        for (TopicQueues tq : topics.values()) {
            for (PartitionQueue q : tq.queues) {
                if (q == null) {
                    continue;
                }
                ProducerBatch first;
                boolean full;
                synchronized (q) {
                    first = q.batches.peekFirst();
                    if (first == null) {
                        continue;
                    }
                    full = q.batches.size() > 1 || first.isFull();
                }
                Node leader = cluster.leaderFor(q.tp);
                if (leader == null) {
                    unknownLeaderTopics.add(q.tp.topic());
                    continue;
                }
                if (readyNodes.contains(leader) || q.muted || heldForAnotherNode(q, leader.id())) {
                    continue;
                }
                long waitedMs = Math.max(0, nowMs - first.lastAttemptMs());
                boolean backingOff = first.attempts() > 0 && waitedMs < retryBackoff(first.attempts());
                long timeToWaitMs = backingOff ? retryBackoff(first.attempts()) : lingerMs;
                boolean sendable = full || waitedMs >= timeToWaitMs || forced;
                if (sendable && !backingOff) {
                    readyNodes.add(leader);
                } else {
                    nextReadyCheckDelayMs = Math.min(nextReadyCheckDelayMs, Math.max(1, timeToWaitMs - waitedMs));
                }
            }
        }
        return new ReadyCheckResult(readyNodes, nextReadyCheckDelayMs, unknownLeaderTopics);
    }

    /** Exponential backoff for the given attempt, capped at retry.backoff.max.ms, as KIP-580 has it. */
    long retryBackoff(int attempts) {
        if (attempts <= 1) {
            return retryBackoffMs;
        }
        double backoff = retryBackoffMs * Math.pow(2, Math.min(attempts - 1, 30));
        return (long) Math.min(backoff, retryBackoffMaxMs);
    }

    /**
     * Takes, for each ready node, batches of the partitions it leads, one per partition at a time
     * and starting where the last drain stopped, until {@code maxRequestSize}. Batches are given
     * their producer state and closed (compressed) here, on the sender thread.
     */
    public Map<Integer, List<ProducerBatch>> drain(Cluster cluster, Set<Node> nodes, int maxRequestSize, long nowMs) {
        if (nodes.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<Integer, List<ProducerBatch>> batches = new HashMap<>();
        for (Node node : nodes) {
            List<ProducerBatch> ready = drainForNode(cluster, node, maxRequestSize, nowMs);
            if (!ready.isEmpty()) {
                batches.put(node.id(), ready);
            }
        }
        return batches;
    }

    private List<ProducerBatch> drainForNode(Cluster cluster, Node node, int maxRequestSize, long nowMs) {
        List<PartitionInfo> parts = cluster.partitionsForNode(node.id());
        List<ProducerBatch> ready = new ArrayList<>();
        if (parts.isEmpty()) {
            return ready;
        }
        int size = 0;
        int start = drainIndexByNode.getOrDefault(node.id(), 0) % parts.size();
        int i = start;
        do {
            PartitionInfo part = parts.get(i);
            i = (i + 1) % parts.size();
            PartitionQueue q = existingQueue(part.topic(), part.partition());
            if (q == null || q.muted || heldForAnotherNode(q, node.id())) {
                continue;
            }
            ProducerBatch batch;
            synchronized (q) {
                ProducerBatch first = q.batches.peekFirst();
                if (first == null) {
                    continue;
                }
                if (first.attempts() > 0 && nowMs - first.lastAttemptMs() < retryBackoff(first.attempts())) {
                    continue;
                }
                if (size + first.estimatedSizeInBytes() > maxRequestSize && !ready.isEmpty()) {
                    // The request is full; a single batch larger than the limit still goes alone.
                    break;
                }
                if (idempotence != null && idempotence.shouldStopDrain(first)) {
                    continue;
                }
                batch = q.batches.pollFirst();
            }
            // Out of the queue, the batch is the sender's alone: close and compress without the lock.
            if (idempotence != null) {
                idempotence.assignSequence(batch);
            }
            float ratio = batch.close(pool);
            q.topic.updateCompressionRatio(ratio);
            size += batch.estimatedSizeInBytes();
            batch.drained(nowMs);
            ready.add(batch);
        } while (i != start);
        drainIndexByNode.put(node.id(), i);
        return ready;
    }

    private PartitionQueue existingQueue(String topic, int partition) {
        TopicQueues tq = topics.get(topic);
        return tq == null ? null : tq.existing(partition);
    }

    private PartitionQueue queueOf(ProducerBatch batch) {
        TopicPartition tp = batch.topicPartition();
        return topicQueues(tp.topic()).queue(tp.partition());
    }

    /**
     * Puts a batch that failed retriably back at the head of its queue; with idempotence, in
     * sequence order among other retries, so that they go out again in their original order.
     */
    public void reenqueue(ProducerBatch batch, long nowMs) {
        batch.reenqueued(nowMs);
        PartitionQueue q = queueOf(batch);
        synchronized (q) {
            if (idempotence != null && batch.hasSequence()) {
                insertInSequenceOrder(q.batches, batch);
            } else {
                q.batches.addFirst(batch);
            }
        }
    }

    /**
     * Splits a batch the broker refused as too large into batches of at most half its size (so
     * that repeated refusals end at single records), and puts them at the head of the queue in its
     * place. The caller releases the big batch afterwards; its records now belong to the parts.
     *
     * @return how many batches it became
     */
    public int splitAndReenqueue(ProducerBatch big, long nowMs) {
        int target = Math.max(1, Math.min(batchSize, big.estimatedSizeInBytes() / 2));
        List<ProducerBatch> parts = big.split(target, compression, pool);
        incomplete.addAll(parts);
        if (idempotence != null && big.hasSequence()) {
            idempotence.replaceInFlight(big, parts);
        }
        PartitionQueue q = queueOf(big);
        synchronized (q) {
            for (int i = parts.size() - 1; i >= 0; i--) {
                ProducerBatch part = parts.get(i);
                if (idempotence != null && part.hasSequence()) {
                    insertInSequenceOrder(q.batches, part);
                } else {
                    q.batches.addFirst(part);
                }
            }
        }
        return parts.size();
    }

    private static void insertInSequenceOrder(ArrayDeque<ProducerBatch> deque, ProducerBatch batch) {
        ProducerBatch first = deque.peekFirst();
        if (first == null || !first.hasSequence() || first.baseSequence() > batch.baseSequence()) {
            deque.addFirst(batch);
            return;
        }
        List<ProducerBatch> before = new ArrayList<>();
        while (deque.peekFirst() != null && deque.peekFirst().hasSequence()
            && deque.peekFirst().baseSequence() < batch.baseSequence()) {
            before.add(deque.pollFirst());
        }
        deque.addFirst(batch);
        for (int i = before.size() - 1; i >= 0; i--) {
            deque.addFirst(before.get(i));
        }
    }

    /**
     * Removes from the queue heads the batches older than {@code delivery.timeout.ms}; the caller
     * fails them. Batches behind a younger one wait their turn, as they would be sent after it.
     */
    public List<ProducerBatch> expiredBatches(long nowMs) {
        List<ProducerBatch> expired = new ArrayList<>();
        for (TopicQueues tq : topics.values()) {
            for (PartitionQueue q : tq.queues) {
                if (q == null) {
                    continue;
                }
                synchronized (q) {
                    ProducerBatch first;
                    while ((first = q.batches.peekFirst()) != null
                        && first.hasReachedDeliveryTimeout(deliveryTimeoutMs, nowMs)) {
                        q.batches.pollFirst();
                        first.abortRecordAppends();
                        expired.add(first);
                    }
                }
            }
        }
        return expired;
    }

    /** When the oldest queued batch will pass {@code delivery.timeout.ms}, for the sender's sleep. */
    public long nextExpiryDelayMs(long nowMs) {
        long next = Long.MAX_VALUE;
        for (TopicQueues tq : topics.values()) {
            for (PartitionQueue q : tq.queues) {
                if (q == null) {
                    continue;
                }
                synchronized (q) {
                    ProducerBatch first = q.batches.peekFirst();
                    if (first != null) {
                        next = Math.min(next, Math.max(0, first.createdMs() + deliveryTimeoutMs - nowMs));
                    }
                }
            }
        }
        return next;
    }

    /**
     * The sender put {@code batch} in a Produce request to {@code nodeId}. With idempotence, the
     * partition then sends nothing to another node until every request carrying its batches has
     * ended. A leader can move while a request is out: the old leader may have written that batch
     * and the ones behind it on the same connection while holding back their responses, and the
     * new leader would accept the partition's next sequences on top of them. The earlier batches'
     * requests then time out and their retries arrive too far behind the broker's last sequence
     * for its window of recent batches to recognise them as duplicates: OUT_OF_ORDER_SEQUENCE_NUMBER
     * for records that are in the log. Waiting keeps every retry ahead of the later sequences.
     */
    public void onRequestSent(ProducerBatch batch, int nodeId) {
        PartitionQueue q = queueOf(batch);
        q.requestsOut++;
        q.requestNode = nodeId;
    }

    /** The Produce request that carried {@code batch} ended: answered, failed or timed out. */
    public void onRequestEnded(ProducerBatch batch) {
        PartitionQueue q = existingQueue(batch.topicPartition().topic(), batch.topicPartition().partition());
        if (q != null && q.requestsOut > 0) {
            q.requestsOut--;
        }
    }

    private boolean heldForAnotherNode(PartitionQueue q, int nodeId) {
        return idempotence != null && q.requestsOut > 0 && q.requestNode != nodeId;
    }

    /** Stops draining a partition while one of its batches is out (max.in.flight 1, no idempotence). */
    public void mutePartition(TopicPartition tp) {
        topicQueues(tp.topic()).queue(tp.partition()).muted = true;
    }

    public void unmutePartition(TopicPartition tp) {
        PartitionQueue q = existingQueue(tp.topic(), tp.partition());
        if (q != null) {
            q.muted = false;
        }
    }

    /** Returns a completed batch's memory to the pool. */
    public void deallocate(ProducerBatch batch) {
        incomplete.remove(batch);
        batch.release(pool);
    }

    public boolean hasUndrained() {
        for (TopicQueues tq : topics.values()) {
            for (PartitionQueue q : tq.queues) {
                if (q != null) {
                    synchronized (q) {
                        if (!q.batches.isEmpty()) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    public boolean hasIncomplete() {
        return !incomplete.isEmpty();
    }

    /** Makes every batch sendable at once until {@link #awaitFlushCompletion} returns. */
    public void beginFlush() {
        flushesInProgress.incrementAndGet();
        wakeSender.run();
    }

    boolean flushInProgress() {
        return flushesInProgress.get() > 0;
    }

    /**
     * Waits until every batch that existed when called is completed, and the batches any of them
     * was split into.
     */
    public void awaitFlushCompletion() throws InterruptedException {
        try {
            ArrayDeque<ProducerBatch> waiting = new ArrayDeque<>(incomplete);
            ProducerBatch batch;
            while ((batch = waiting.poll()) != null) {
                batch.await();
                waiting.addAll(batch.splitInto());
            }
        } finally {
            flushesInProgress.decrementAndGet();
        }
    }

    /**
     * Fails every batch not yet completed, queued or in flight (a forced close). Appends still in
     * progress are waited for, so that none slips into a queue after the sweep.
     */
    public void abortIncompleteBatches(RuntimeException reason, ProducerInterceptors<?, ?> interceptors) {
        do {
            abortBatches(reason, interceptors);
        } while (appendsInProgress.get() > 0);
        abortBatches(reason, interceptors);
    }

    private void abortBatches(RuntimeException reason, ProducerInterceptors<?, ?> interceptors) {
        for (ProducerBatch batch : new ArrayList<>(incomplete)) {
            PartitionQueue q = queueOf(batch);
            boolean queued;
            synchronized (q) {
                queued = q.batches.remove(batch);
            }
            if (queued) {
                batch.abortRecordAppends();
                deallocate(batch);
            }
            batch.completeExceptionally(reason, interceptors);
        }
    }

    /** From now on, appends fail and every batch is sendable at once. */
    public void close() {
        closed = true;
        pool.close();
        wakeSender.run();
    }

    public boolean isClosed() {
        return closed;
    }

    BufferPool pool() {
        return pool;
    }

    int batchSize() {
        return batchSize;
    }

    long deliveryTimeoutMs() {
        return deliveryTimeoutMs;
    }

    /** Batches not yet completed and released, queued or in flight, for tests. */
    List<ProducerBatch> incompleteBatches() {
        return new ArrayList<>(incomplete);
    }

    /** Batches queued for a partition, for tests. */
    int queuedBatches(TopicPartition tp) {
        PartitionQueue q = existingQueue(tp.topic(), tp.partition());
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            return q.batches.size();
        }
    }

    /** The answer of {@link #ready}. */
    public static final class ReadyCheckResult {
        public final Set<Node> readyNodes;
        public final long nextReadyCheckDelayMs;
        public final Set<String> unknownLeaderTopics;

        ReadyCheckResult(Set<Node> readyNodes, long nextReadyCheckDelayMs, Set<String> unknownLeaderTopics) {
            this.readyNodes = readyNodes;
            this.nextReadyCheckDelayMs = nextReadyCheckDelayMs;
            this.unknownLeaderTopics = unknownLeaderTopics;
        }
    }

    /** The queues of one topic, indexed by partition, and its sticky partitioner. */
    private static final class TopicQueues {
        final String topic;
        final BuiltInPartitioner partitioner;
        volatile PartitionQueue[] queues = new PartitionQueue[0];
        volatile float compressionRatio = 1.0f;

        TopicQueues(String topic, int batchSize) {
            this.topic = topic;
            this.partitioner = new BuiltInPartitioner(topic, batchSize);
        }

        PartitionQueue queue(int partition) {
            PartitionQueue[] qs = queues;
            if (partition < qs.length && qs[partition] != null) {
                return qs[partition];
            }
            return create(partition);
        }

        PartitionQueue existing(int partition) {
            PartitionQueue[] qs = queues;
            return partition < qs.length ? qs[partition] : null;
        }

        private synchronized PartitionQueue create(int partition) {
            PartitionQueue[] qs = queues;
            if (partition < qs.length && qs[partition] != null) {
                return qs[partition];
            }
            PartitionQueue[] grown = qs.length > partition ? qs.clone()
                : java.util.Arrays.copyOf(qs, Math.max(partition + 1, qs.length * 2));
            PartitionQueue q = new PartitionQueue(this, new TopicPartition(topic, partition));
            grown[partition] = q;
            queues = grown;
            return q;
        }

        /** Moves the estimate toward what a closed batch achieved (only the sender thread writes it). */
        void updateCompressionRatio(float observed) {
            float current = compressionRatio;
            if (observed > current) {
                compressionRatio = Math.max(current + RATIO_DETERIORATING_STEP, observed);
            } else if (observed < current) {
                compressionRatio = Math.max(current - RATIO_IMPROVING_STEP, observed);
            }
        }
    }

    /** One partition's batches, oldest first; its monitor is the partition's lock. */
    private static final class PartitionQueue {
        final TopicQueues topic;
        final TopicPartition tp;
        final ArrayDeque<ProducerBatch> batches = new ArrayDeque<>();
        /** Sender thread only. */
        boolean muted;
        /** Sender thread only: Produce requests out with a batch of this partition, and their node. */
        int requestsOut;
        int requestNode = -1;

        PartitionQueue(TopicQueues topic, TopicPartition tp) {
            this.topic = topic;
            this.tp = tp;
        }
    }
}
