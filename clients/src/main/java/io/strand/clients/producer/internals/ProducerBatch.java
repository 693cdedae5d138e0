package io.strand.clients.producer.internals;

import io.netty.buffer.ByteBuf;
import io.strand.common.TopicPartition;
import io.strand.common.compress.Compression;
import io.strand.common.header.Header;
import io.strand.common.record.DefaultRecordBatch;
import io.strand.common.record.MemoryRecords;
import io.strand.common.record.MemoryRecordsBuilder;
import io.strand.common.record.Record;
import io.strand.common.record.RecordBatch;
import io.strand.common.record.TimestampType;
import io.strand.common.utils.Crc32C;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * The records bound for one partition in one Produce request: encoded once, as they are appended,
 * into a buffer from the {@link BufferPool}, and compressed once when the sender closes the batch.
 *
 * <p>Appends happen under the partition queue's lock; everything after the batch leaves the queue
 * (close, producer state, completion) happens on the sender thread, except that completion can
 * also come from a thread aborting the producer, which the {@code completed} flag makes safe.
 */
public final class ProducerBatch {

    private final TopicPartition topicPartition;
    private final long createdMs;
    private final ByteBuf buffer;
    private final MemoryRecordsBuilder builder;
    private final AtomicBoolean completed = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile List<ProducerBatch> splitInto = List.of();
    private int reservedBytes;
    private boolean released;
    /** Set under the queue lock once a record did not fit: the batch takes no more and counts as full. */
    private boolean appendsClosed;

    private RecordFuture[] futures = new RecordFuture[8];
    private int recordCount;
    private long maxTimestamp = RecordBatch.NO_TIMESTAMP;

    private ByteBuf records;
    private int attempts;
    private long lastAttemptMs;
    private boolean retry;
    private long drainedMs;

    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatch.NO_SEQUENCE;
    private boolean sequenceHasBeenReset;

    /**
     * @param buffer where the batch is written, holding {@code reservedBytes} of the pool's account
     * @param writeLimit {@code batch.size}
     * @param compressionRatio the expected compressed/uncompressed ratio for this topic and codec
     */
    ProducerBatch(TopicPartition topicPartition, ByteBuf buffer, int reservedBytes, Compression compression,
                  int writeLimit, float compressionRatio, long nowMs) {
        this.topicPartition = topicPartition;
        this.buffer = buffer;
        this.reservedBytes = reservedBytes;
        this.createdMs = nowMs;
        this.lastAttemptMs = nowMs;
        this.builder = MemoryRecords.builder(buffer, compression, TimestampType.CREATE_TIME, 0L)
            .writeLimit(writeLimit)
            .estimatedCompressionRatio(compressionRatio);
    }

    /**
     * Encodes the record into the batch if it fits under {@code batch.size} (the first record always
     * fits), and records its future.
     *
     * @return false if the batch is full for this record
     */
    boolean tryAppend(long timestamp, byte[] key, byte[] value, Header[] headers, RecordFuture future) {
        if (appendsClosed || !builder.hasRoomFor(timestamp, key, value, headers)) {
            return false;
        }
        builder.append(timestamp, key, value, headers);
        track(timestamp, future);
        return true;
    }

    /** {@link #tryAppend} for a record read back from another batch (splitting). */
    private boolean tryAppend(long timestamp, ByteBuffer key, ByteBuffer value, Header[] headers, RecordFuture future) {
        if (!builder.hasRoomFor(timestamp, key, value, headers)) {
            return false;
        }
        builder.append(timestamp, key, value, headers);
        track(timestamp, future);
        return true;
    }

    private void track(long timestamp, RecordFuture future) {
        if (recordCount == futures.length) {
            futures = Arrays.copyOf(futures, futures.length * 2);
        }
        future.batchIndex(recordCount);
        futures[recordCount++] = future;
        maxTimestamp = Math.max(maxTimestamp, timestamp);
    }

    /**
     * Re-encodes this closed batch's records into smaller batches of at most {@code targetSize}
     * bytes, after the broker refused it as too large (MESSAGE_TOO_LARGE): its records, futures
     * and creation time move to the new batches, which keep its sequence range in order. Memory
     * is charged to the pool without waiting, since the sender thread calls this.
     */
    List<ProducerBatch> split(int targetSize, Compression compression, BufferPool pool) {
        List<ProducerBatch> parts = new ArrayList<>();
        ProducerBatch current = null;
        int index = 0;
        for (Record r : MemoryRecords.readableRecords(records.nioBuffer()).records()) {
            RecordFuture future = futures[index++];
            if (current == null || !current.tryAppend(r.timestamp(), r.key(), r.value(), r.headers(), future)) {
                int size = Math.max(targetSize, RecordAccumulator.sizeUpperBound(r.keySize(), r.valueSize(), r.headers()));
                current = new ProducerBatch(topicPartition, pool.allocateWithoutWaiting(size), size, compression,
                    targetSize, 1.0f, createdMs);
                parts.add(current);
                current.tryAppend(r.timestamp(), r.key(), r.value(), r.headers(), future);
            }
        }
        if (hasSequence()) {
            int sequence = baseSequence;
            for (ProducerBatch part : parts) {
                part.setProducerState(producerId, producerEpoch, sequence);
                sequence = IdempotenceManager.incrementSequence(sequence, part.recordCount());
            }
        }
        // This batch is done with: its records are the parts' now. Whoever waits on it (flush)
        // goes on to wait on them.
        splitInto = List.copyOf(parts);
        completed.set(true);
        done.countDown();
        return parts;
    }

    /** The batches this one was split into, or none. */
    List<ProducerBatch> splitInto() {
        return splitInto;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public int recordCount() {
        return recordCount;
    }

    /** Bytes the batch takes: exact without compression or once closed, estimated otherwise. */
    public int estimatedSizeInBytes() {
        return builder.estimatedSizeInBytes();
    }

    /** Uncompressed bytes of the records and batch header, for metrics. */
    int uncompressedSizeInBytes() {
        return builder.uncompressedBytesWritten();
    }

    public boolean isFull() {
        return appendsClosed || builder.isFull();
    }

    /**
     * No more appends: a record did not fit. From here the batch is full, so it is sendable at
     * once and the sticky partitioner may move on, rather than the batch waiting for linger.ms
     * because it is a few bytes short of {@code batch.size}.
     */
    void closeForAppends() {
        appendsClosed = true;
    }

    boolean isClosed() {
        return records != null;
    }

    /** Compressed size over uncompressed size once closed; 1.0 before. */
    float compressionRatio() {
        return builder.compressionRatio();
    }

    /**
     * Writes the producer state, compresses and writes the header: the batch is ready for the wire.
     * Charges the pool for what the buffer grew by while compressing.
     *
     * @return the compression ratio achieved, for the next batches' estimate
     */
    float close(BufferPool pool) {
        if (records != null) {
            return 1.0f;
        }
        if (producerId != RecordBatch.NO_PRODUCER_ID) {
            builder.producerState(producerId, producerEpoch, baseSequence, false);
        }
        records = builder.batch();
        int grown = buffer.capacity() - reservedBytes;
        if (grown > 0) {
            pool.reserveMore(grown);
            reservedBytes += grown;
        }
        return builder.compressionRatio();
    }

    /** The closed batch as it goes into a Produce request; a view of the pooled buffer. */
    public ByteBuf records() {
        if (records == null) {
            throw new IllegalStateException("Batch for " + topicPartition + " is not closed");
        }
        return records;
    }

    /** Sets the idempotent producer's fields; before close they go into the header as it is written. */
    void setProducerState(long producerId, short producerEpoch, int baseSequence) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        if (records != null) {
            rewriteProducerState();
        }
    }

    /**
     * Gives a batch already sent at least once a new epoch and sequence, after an epoch bump; the
     * header is rewritten in place and its CRC recomputed, the records are not touched.
     */
    void resetProducerState(long producerId, short producerEpoch, int baseSequence) {
        sequenceHasBeenReset = true;
        setProducerState(producerId, producerEpoch, baseSequence);
    }

    private void rewriteProducerState() {
        ByteBuf b = records;
        b.setLong(DefaultRecordBatch.PRODUCER_ID_OFFSET, producerId);
        b.setShort(DefaultRecordBatch.PRODUCER_EPOCH_OFFSET, producerEpoch);
        b.setInt(DefaultRecordBatch.BASE_SEQUENCE_OFFSET, baseSequence);
        int crcLength = b.readableBytes() - DefaultRecordBatch.ATTRIBUTES_OFFSET;
        b.setInt(DefaultRecordBatch.CRC_OFFSET, (int) Crc32C.compute(b, b.readerIndex()
            + DefaultRecordBatch.ATTRIBUTES_OFFSET, crcLength));
    }

    public boolean hasSequence() {
        return baseSequence != RecordBatch.NO_SEQUENCE;
    }

    public int baseSequence() {
        return baseSequence;
    }

    /** The sequence of the batch's last record, wrapping past Integer.MAX_VALUE as the broker does. */
    public int lastSequence() {
        return IdempotenceManager.incrementSequence(baseSequence, recordCount - 1);
    }

    public long producerId() {
        return producerId;
    }

    public short producerEpoch() {
        return producerEpoch;
    }

    boolean sequenceHasBeenReset() {
        return sequenceHasBeenReset;
    }

    long createdMs() {
        return createdMs;
    }

    long lastAttemptMs() {
        return lastAttemptMs;
    }

    int attempts() {
        return attempts;
    }

    boolean inRetry() {
        return retry;
    }

    long drainedMs() {
        return drainedMs;
    }

    void drained(long nowMs) {
        drainedMs = Math.max(drainedMs, nowMs);
    }

    /** Back in the queue after a retriable failure. */
    void reenqueued(long nowMs) {
        attempts++;
        lastAttemptMs = Math.max(lastAttemptMs, nowMs);
        retry = true;
    }

    boolean hasReachedDeliveryTimeout(long deliveryTimeoutMs, long nowMs) {
        return nowMs - createdMs >= deliveryTimeoutMs;
    }

    long maxTimestamp() {
        return maxTimestamp;
    }

    /**
     * Completes every record with its offset. Returns false if the batch was already completed (a
     * late response after an abort).
     */
    boolean complete(long baseOffset, long logAppendTime, ProducerInterceptors<?, ?> interceptors) {
        if (!completed.compareAndSet(false, true)) {
            return false;
        }
        try {
            for (int i = 0; i < recordCount; i++) {
                futures[i].succeed(topicPartition, baseOffset, logAppendTime, interceptors);
            }
        } finally {
            done.countDown();
        }
        return true;
    }

    /** Fails every record with {@code exception}. */
    boolean completeExceptionally(RuntimeException exception, ProducerInterceptors<?, ?> interceptors) {
        return completeExceptionally(i -> exception, interceptors);
    }

    /** Fails each record with the exception {@code perRecord} gives for its index in the batch. */
    boolean completeExceptionally(IntFunction<RuntimeException> perRecord, ProducerInterceptors<?, ?> interceptors) {
        if (!completed.compareAndSet(false, true)) {
            return false;
        }
        try {
            for (int i = 0; i < recordCount; i++) {
                futures[i].fail(topicPartition, perRecord.apply(i), interceptors);
            }
        } finally {
            done.countDown();
        }
        return true;
    }

    public boolean isDone() {
        return completed.get();
    }

    void await() throws InterruptedException {
        done.await();
    }

    /** Gives the memory back; the batch must be completed and no longer on the wire. */
    void release(BufferPool pool) {
        if (released) {
            return;
        }
        released = true;
        pool.deallocate(buffer, reservedBytes);
        reservedBytes = 0;
    }

    /** Drops what was encoded, for a batch aborted before it was sent. */
    void abortRecordAppends() {
        if (records == null) {
            builder.abort();
        }
    }

    @Override
    public String toString() {
        return "ProducerBatch(topicPartition=" + topicPartition + ", recordCount=" + recordCount
            + (hasSequence() ? ", baseSequence=" + baseSequence + ", epoch=" + producerEpoch : "") + ")";
    }
}
