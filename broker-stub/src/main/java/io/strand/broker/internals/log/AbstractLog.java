package io.strand.broker.internals.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.strand.common.KafkaException;
import io.strand.common.errors.KafkaStorageException;
import io.strand.common.errors.OffsetOutOfRangeException;
import io.strand.common.errors.UnknownTopicOrPartitionException;
import io.strand.common.record.MemoryRecords;
import io.strand.common.record.Record;
import io.strand.common.record.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * A partition log as a list of segments in offset order, the last one active. Everything about
 * offsets, locking, the epoch cache and the log start lives here; where the bytes go (memory
 * chunks or files) is the subclasses' business, through {@link Segment} and a few hooks.
 *
 * <p>Reads take the read lock and run concurrently; appends, deletions and close take the write
 * lock. The log start and end offsets are volatile so that they can be read without a lock.
 */
abstract class AbstractLog implements PartitionLog {

    private static final Logger log = LoggerFactory.getLogger(AbstractLog.class);

    protected final String name;
    protected final ByteBufAllocator allocator;
    protected final List<Segment> segments = new ArrayList<>();
    protected final LeaderEpochCache epochs = new LeaderEpochCache();
    private final Lock readLock;
    private final Lock writeLock;
    private volatile long logStartOffset;
    private volatile long logEndOffset;
    private boolean closed;
    /** Set when a write failed half-way: the segments may hold bytes past the log end, so nothing more is served. */
    private Throwable failure;

    AbstractLog(String name, ByteBufAllocator allocator) {
        this.name = name;
        this.allocator = allocator;
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        this.readLock = lock.readLock();
        this.writeLock = lock.writeLock();
    }

    /** Sets the state a new or recovered log starts from; called once, before the log is shared. */
    protected final void restore(List<Segment> recovered, long startOffset, long endOffset) {
        segments.addAll(recovered);
        logStartOffset = startOffset;
        logEndOffset = endOffset;
    }

    /** A new, empty segment for batches from {@code baseOffset} on. */
    protected abstract Segment newSegment(long baseOffset) throws IOException;

    /** The largest batch the log can store. */
    protected abstract int maxBatchSize();

    /** After appends, before they are acknowledged: the flush policy. */
    protected abstract void appended(Segment active) throws IOException;

    /** Persists the epoch cache if the log has anywhere to persist it. */
    protected abstract void epochsChanged() throws IOException;

    /** Persists a new log start offset before segments below it are dropped. */
    protected abstract void logStartOffsetChanged(long startOffset) throws IOException;

    /** Closes resources beyond the segments (called after the segments are closed). */
    protected abstract void closeStorage() throws IOException;

    /** Removes the log's files, if any; the log is closed already. */
    protected abstract void deleteStorage() throws IOException;

    @Override
    public final AppendResult append(ByteBuf records, int leaderEpoch, long logAppendTimeMs) {
        int batchCount = BatchValidator.validate(records, name, maxBatchSize());
        writeLock.lock();
        try {
            ensureUsable();
            long first = logEndOffset;
            try {
                // The epoch is recorded (and persisted, on disk) before the bytes that carry it.
                if (epochs.assign(leaderEpoch, first)) {
                    epochsChanged();
                }
                long next = first;
                int index = records.readerIndex();
                Segment active = active();
                for (int i = 0; i < batchCount; i++) {
                    int size = BatchHeaders.size(records, index);
                    long last = next + BatchHeaders.lastOffsetDelta(records, index);
                    if (!active.canHold(size, last)) {
                        active = roll(next);
                    }
                    active.append(records, index, size, next, leaderEpoch, logAppendTimeMs);
                    next = last + 1;
                    index += size;
                }
                appended(active);
                logEndOffset = next;
                return new AppendResult(first, next - 1, logAppendTimeMs >= 0 ? logAppendTimeMs : RecordBatch.NO_TIMESTAMP,
                    logStartOffset, batchCount);
            } catch (IOException e) {
                appendFailed(first, e);
                throw storageError("append to", e);
            } catch (RuntimeException | Error e) {
                appendFailed(first, e);
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void appendFailed(long logEndOffset, Throwable cause) {
        failure = cause;
        log.error("Append to {} failed at log end offset {}; the log is offline until the broker restarts and "
            + "recovers it", name, logEndOffset, cause);
    }

    @Override
    public final ByteBuf read(long fetchOffset, int maxBytes, boolean minOneBatch) {
        return reading("read from", () -> {
            long start = logStartOffset;
            long end = logEndOffset;
            if (fetchOffset < start || fetchOffset > end) {
                throw new OffsetOutOfRangeException("Fetch offset " + fetchOffset + " is out of range for " + name
                    + ": the log holds offsets " + start + " to " + end + " (exclusive)");
            }
            if (fetchOffset == end) {
                return Unpooled.EMPTY_BUFFER;
            }
            return readFrom(segmentIndexFor(fetchOffset), fetchOffset, maxBytes, minOneBatch);
        });
    }

    /** Reads whole batches from the one holding {@code offset}, continuing into later segments while budget is left. */
    private ByteBuf readFrom(int segmentIndex, long offset, int maxBytes, boolean minOneBatch) throws IOException {
        Segment segment = segments.get(segmentIndex);
        int position = segment.positionOf(offset);
        ByteBuf result = Unpooled.EMPTY_BUFFER;
        CompositeByteBuf composite = null;
        int budget = maxBytes;
        boolean first = true;
        try {
            while (true) {
                if (position >= 0) {
                    ByteBuf part = segment.read(position, budget, minOneBatch && first);
                    int length = part.readableBytes();
                    if (length == 0) {
                        part.release();
                        break;
                    }
                    if (first) {
                        result = part;
                    } else {
                        if (composite == null) {
                            composite = allocator.compositeBuffer(segments.size() - segmentIndex + 1);
                            composite.addComponent(true, result);
                            result = composite;
                        }
                        composite.addComponent(true, part);
                    }
                    first = false;
                    budget -= length;
                    if (position + length < segment.sizeInBytes() || budget <= 0) {
                        break;
                    }
                }
                if (++segmentIndex >= segments.size()) {
                    break;
                }
                segment = segments.get(segmentIndex);
                position = segment.sizeInBytes() > 0 ? 0 : -1;
            }
        } catch (IOException | RuntimeException e) {
            result.release(); // the parts read from earlier segments
            throw e;
        }
        return result;
    }

    @Override
    public final long logStartOffset() {
        return logStartOffset;
    }

    @Override
    public final long logEndOffset() {
        return logEndOffset;
    }

    @Override
    public final TimestampAndOffset offsetForTimestamp(long timestamp) {
        return reading("search by timestamp in", () -> {
            long start = logStartOffset;
            if (start == logEndOffset) {
                return null;
            }
            int firstIndex = segmentIndexFor(start);
            for (int i = firstIndex; i < segments.size(); i++) {
                Segment segment = segments.get(i);
                if (segment.sizeInBytes() == 0 || segment.maxTimestamp() < timestamp) {
                    continue;
                }
                int from = i == firstIndex ? segment.positionOf(start) : 0;
                int[] found = {-1};
                if (from >= 0) {
                    segment.forEachBatch(from, (buf, index, position) -> {
                        if (BatchHeaders.maxTimestamp(buf, index) >= timestamp && BatchHeaders.lastOffset(buf, index) >= start) {
                            found[0] = position;
                            return false;
                        }
                        return true;
                    });
                }
                if (found[0] >= 0) {
                    // Kafka looks in the first batch that qualifies only; a producer's max timestamp that no record has gives null.
                    return findRecord(segment, found[0], start, timestamp, false);
                }
            }
            return null;
        });
    }

    @Override
    public final TimestampAndOffset maxTimestamp() {
        return reading("search the max timestamp in", () -> {
            long start = logStartOffset;
            if (start == logEndOffset) {
                return null;
            }
            int firstIndex = segmentIndexFor(start);
            Segment firstSegment = segments.get(firstIndex);
            // A batch that straddles the log start has a header max that may belong to a deleted record:
            // it is judged by its records; every other batch by its header (and segments by their summary).
            int[] straddling = {-1};
            long[] max = {Segment.NO_TIMESTAMP_SEEN, -1};
            Segment bestSegment = null;
            for (int i = firstIndex; i < segments.size(); i++) {
                Segment segment = segments.get(i);
                if (segment.sizeInBytes() == 0) {
                    continue;
                }
                if (i == firstIndex && start > segment.baseOffset) {
                    long before = max[0];
                    segment.forEachBatch(segment.positionOf(start), (buf, index, position) -> {
                        long ts = BatchHeaders.maxTimestamp(buf, index);
                        if (BatchHeaders.baseOffset(buf, index) < start) {
                            straddling[0] = position;
                        } else if (ts > max[0]) {
                            max[0] = ts;
                            max[1] = BatchHeaders.baseOffset(buf, index);
                        }
                        return true;
                    });
                    if (max[0] > before) {
                        bestSegment = segment;
                    }
                } else if (segment.maxTimestamp() > max[0]) {
                    max[0] = segment.maxTimestamp();
                    max[1] = segment.offsetOfMaxTimestamp();
                    bestSegment = segment;
                }
            }
            TimestampAndOffset first = straddling[0] < 0 ? null
                : findRecord(firstSegment, straddling[0], start, Segment.NO_TIMESTAMP_SEEN, true);
            TimestampAndOffset rest = bestSegment == null ? null
                : findRecord(bestSegment, bestSegment.positionOf(max[1]), start, max[0], true);
            if (first == null || (rest != null && rest.timestamp() > first.timestamp())) {
                return rest;
            }
            return first;
        });
    }

    /**
     * In the batch at {@code position}: the first record at or after {@code start} whose timestamp
     * is &gt;= {@code timestamp}, or with {@code exact} the first whose timestamp is the largest.
     * A batch whose records cannot be decoded (a CRC-valid batch with a broken compressed section)
     * is answered from its header.
     */
    private TimestampAndOffset findRecord(Segment segment, int position, long start, long timestamp, boolean exact)
        throws IOException {
        ByteBuf bytes = segment.read(position, 0, true);
        try {
            RecordBatch batch = MemoryRecords.readableRecords(bytes).firstBatch();
            int epoch = batch.partitionLeaderEpoch();
            try {
                Record best = null;
                for (Record record : batch) {
                    if (record.offset() < start) {
                        continue;
                    }
                    if (exact ? best == null || record.timestamp() > best.timestamp() : record.timestamp() >= timestamp) {
                        best = record;
                        if (!exact) {
                            break;
                        }
                    }
                }
                return best == null ? null : new TimestampAndOffset(best.timestamp(), best.offset(), epoch);
            } catch (KafkaException e) {
                log.warn("Cannot decode the records of {} in {} to find timestamp {}; answering from the batch header",
                    batch, name, timestamp, e);
                return new TimestampAndOffset(batch.maxTimestamp(), Math.max(batch.baseOffset(), start), epoch);
            }
        } finally {
            bytes.release();
        }
    }

    @Override
    public final long deleteRecordsBefore(long offset) {
        writeLock.lock();
        try {
            ensureUsable();
            if (offset > logEndOffset) {
                throw new OffsetOutOfRangeException("Cannot delete records of " + name + " before offset " + offset
                    + ": it is past the log end offset " + logEndOffset);
            }
            if (offset <= logStartOffset) {
                return logStartOffset;
            }
            logStartOffsetChanged(offset);
            logStartOffset = offset;
            if (epochs.truncateFromStart(offset)) {
                epochsChanged();
            }
            int drop = 0;
            while (drop + 1 < segments.size() && segments.get(drop + 1).baseOffset <= offset) {
                drop++;
            }
            if (drop + 1 == segments.size() && offset == logEndOffset && active().sizeInBytes() > 0) {
                roll(offset); // everything is below the new start: a fresh segment lets the old one go
                drop++;
            }
            for (int i = 0; i < drop; i++) {
                segments.get(0).delete();
                segments.remove(0);
            }
            return offset;
        } catch (IOException e) {
            throw storageError("delete records from", e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public final EpochEndOffset endOffsetForEpoch(int leaderEpoch) {
        return reading("read the epochs of", () -> epochs.endOffsetFor(leaderEpoch, logEndOffset));
    }

    @Override
    public final void forEachBatch(Consumer<BatchInfo> action) {
        reading("walk the batches of", () -> {
            long start = logStartOffset;
            if (start == logEndOffset) {
                return null;
            }
            int firstIndex = segmentIndexFor(start);
            for (int i = firstIndex; i < segments.size(); i++) {
                Segment segment = segments.get(i);
                int from = i == firstIndex ? segment.positionOf(start) : 0;
                if (from < 0 || segment.sizeInBytes() == 0) {
                    continue;
                }
                segment.forEachBatch(from, (buf, index, position) -> {
                    action.accept(BatchHeaders.info(buf, index));
                    return true;
                });
            }
            return null;
        });
    }

    @Override
    public final void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (failure == null) {
                    active().flush();
                }
            } catch (IOException e) {
                log.warn("Could not flush {} on close", name, e);
            }
            for (Segment segment : segments) {
                segment.close();
            }
            closeStorage();
        } catch (IOException e) {
            log.warn("Could not close {} cleanly", name, e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Closes the log and removes everything it stored. */
    final void delete() {
        writeLock.lock();
        try {
            close();
            segments.clear();
            deleteStorage();
        } catch (IOException e) {
            throw storageError("delete", e);
        } finally {
            writeLock.unlock();
        }
    }

    /** What a reader does under the read lock; disk reads may fail. */
    @FunctionalInterface
    private interface Reading<T> {
        T run() throws IOException;
    }

    /** Runs {@code reading} under the read lock on a usable log; {@code what} completes "Could not ... the log of". */
    private <T> T reading(String what, Reading<T> reading) {
        readLock.lock();
        try {
            ensureUsable();
            return reading.run();
        } catch (IOException e) {
            throw storageError(what, e);
        } finally {
            readLock.unlock();
        }
    }

    protected final Segment active() {
        return segments.get(segments.size() - 1);
    }

    private Segment roll(long baseOffset) throws IOException {
        Segment segment = newSegment(baseOffset);
        segments.add(segment);
        return segment;
    }

    /** The index of the segment whose offsets include {@code offset}: the last with baseOffset <= offset. */
    private int segmentIndexFor(long offset) {
        int low = 0;
        int high = segments.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (segments.get(mid).baseOffset <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private void ensureUsable() {
        if (closed) {
            throw new UnknownTopicOrPartitionException("The log of " + name
                + " is closed: its topic was deleted or the broker is stopping");
        }
        if (failure != null) {
            throw new KafkaStorageException("The log of " + name + " is offline since an append failed: " + failure,
                failure);
        }
    }

    protected final KafkaStorageException storageError(String what, IOException e) {
        return new KafkaStorageException("Could not " + what + " the log of " + name + ": " + e, e);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + ", offsets " + logStartOffset + ".." + logEndOffset
            + ", " + segments.size() + " segments)";
    }
}
