package io.strand.broker.internals.data;

import io.netty.buffer.ByteBuf;
import io.strand.broker.internals.cluster.TopicConfig;
import io.strand.broker.internals.log.AppendResult;
import io.strand.broker.internals.log.PartitionLog;
import io.strand.common.TopicPartition;
import io.strand.common.protocol.Errors;
import io.strand.common.record.TimestampType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A partition's data: its log, its idempotent producer state, and the parked Fetch requests to
 * wake when it grows. Appends to one partition are serialised by its own lock (the producer
 * check and the write must be one step); reads go to the log without it, and other partitions
 * never wait for this one.
 */
public final class Partition {

    /** Told after each append, outside the lock, how many bytes arrived. */
    public interface AppendListener {
        void appended(Partition partition, int bytes);
    }

    /** The result of a Produce for this partition. */
    public record ProduceResult(Errors error, long baseOffset, long logAppendTimeMs, long logStartOffset,
                                String message) {
        static ProduceResult failed(Errors error, String message) {
            return new ProduceResult(error, -1L, -1L, -1L, message);
        }
    }

    private final TopicPartition tp;
    private final PartitionLog log;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final ProducerStateTable producers = new ProducerStateTable();
    private final Set<AppendListener> listeners = ConcurrentHashMap.newKeySet();

    Partition(TopicPartition tp, PartitionLog log) {
        this.tp = tp;
        this.log = log;
    }

    public TopicPartition topicPartition() {
        return tp;
    }

    public PartitionLog log() {
        return log;
    }

    /**
     * Appends the batches of a Produce request: checks sizes and producer sequences, then writes
     * them in {@code leaderEpoch}, stamped with the append time when the topic says LogAppendTime.
     * A retry of a batch already written gets that batch's offsets back and is not written again.
     */
    public ProduceResult append(ByteBuf records, int leaderEpoch, TopicConfig config) {
        List<BatchHeader> batches = new ArrayList<>(1);
        int end = records.writerIndex();
        for (int i = records.readerIndex(); i < end; ) {
            BatchHeader b = BatchHeader.at(records, i, end);
            if (b == null || b.sizeInBytes() <= 0) {
                break;
            }
            if (b.sizeInBytes() > config.maxMessageBytes()) {
                return ProduceResult.failed(Errors.MESSAGE_TOO_LARGE, "The batch of " + b.sizeInBytes()
                    + " bytes is larger than max.message.bytes (" + config.maxMessageBytes() + ") of " + tp.topic());
            }
            if (b.transactional()) {
                return ProduceResult.failed(Errors.INVALID_TXN_STATE,
                    "Transactional batches are not supported by Strand's broker-stub");
            }
            batches.add(b);
            i += b.sizeInBytes();
        }
        boolean logAppendTime = config.timestampType() == TimestampType.LOG_APPEND_TIME;
        AppendResult result;
        appendLock.lock();
        try {
            for (BatchHeader b : batches) {
                if (!b.idempotent()) {
                    continue;
                }
                ProducerStateTable.Verdict v = producers.check(b);
                if (v.original() != null) {
                    ProducerStateTable.Appended a = v.original();
                    return new ProduceResult(Errors.NONE, a.firstOffset(), a.timestamp(), log.logStartOffset(), null);
                }
                if (v.error() != Errors.NONE) {
                    return ProduceResult.failed(v.error(), v.message());
                }
            }
            result = log.append(records, leaderEpoch, logAppendTime ? System.currentTimeMillis() : -1L);
            long offset = result.baseOffset();
            for (BatchHeader b : batches) {
                long last = offset + b.lastOffsetDelta();
                if (b.idempotent()) {
                    producers.update(b.producerId(), b.producerEpoch(), b.baseSequence(), b.lastSequence(), offset,
                        last, result.logAppendTimeMs());
                }
                offset = last + 1;
            }
        } catch (RuntimeException e) {
            Errors error = Errors.forException(e);
            return ProduceResult.failed(error == Errors.UNKNOWN_SERVER_ERROR ? Errors.CORRUPT_MESSAGE : error,
                e.getMessage());
        } finally {
            appendLock.unlock();
        }
        int bytes = records.readableBytes();
        for (AppendListener l : listeners) {
            l.appended(this, bytes);
        }
        return new ProduceResult(Errors.NONE, result.baseOffset(), result.logAppendTimeMs(), result.logStartOffset(),
            null);
    }

    /** Rebuilds producer state from the stored batches, after a restart. */
    void recoverProducers(boolean logAppendTime) {
        appendLock.lock();
        try {
            log.forEachBatch(b -> {
                if (b.producerId() >= 0) {
                    producers.update(b.producerId(), b.producerEpoch(), b.baseSequence(), b.lastSequence(),
                        b.baseOffset(), b.lastOffset(), logAppendTime ? b.maxTimestamp() : -1L);
                }
            });
        } finally {
            appendLock.unlock();
        }
    }

    long maxProducerId() {
        appendLock.lock();
        try {
            return producers.maxProducerId();
        } finally {
            appendLock.unlock();
        }
    }

    public void addListener(AppendListener listener) {
        listeners.add(listener);
    }

    public void removeListener(AppendListener listener) {
        listeners.remove(listener);
    }

    /** Wakes the listeners as if data arrived (the partition is going away; they should look again). */
    void wakeListeners() {
        for (AppendListener l : listeners) {
            l.appended(this, 0);
        }
    }
}
