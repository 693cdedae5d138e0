package io.strand.clients.consumer.internals;

import io.netty.buffer.ByteBuf;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.common.IsolationLevel;
import io.strand.common.KafkaException;
import io.strand.common.TopicPartition;
import io.strand.common.errors.RecordDeserializationException;
import io.strand.common.errors.RecordDeserializationException.DeserializationExceptionOrigin;
import io.strand.common.header.Headers;
import io.strand.common.header.internals.RecordHeaders;
import io.strand.common.record.ControlRecordType;
import io.strand.common.record.MemoryRecords;
import io.strand.common.record.MutableRecordBatch;
import io.strand.common.record.Record;
import io.strand.common.record.RecordBatch;
import io.strand.common.record.TimestampType;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * One partition's data from a Fetch response, read lazily: a batch is checked (CRC) and
 * decompressed when the reader reaches it, and records become {@link ConsumerRecord}s only as
 * {@link #fetchRecords} hands them out, up to the number poll asked for. The batches stay slices
 * of the response frame until then; nothing is copied.
 *
 * <p>Control batches are never returned. With read_committed, the batches of transactions the
 * broker lists as aborted are skipped: an aborted producer's batches from the transaction's first
 * offset are skipped until that producer's ABORT marker.
 */
final class CompletedFetch {

    /** An aborted transaction as the Fetch response lists it. */
    static final class AbortedTransaction {
        final long producerId;
        final long firstOffset;

        AbortedTransaction(long producerId, long firstOffset) {
            this.producerId = producerId;
            this.firstOffset = firstOffset;
        }
    }

    final TopicPartition partition;
    /** The position the fetch was sent for; data for another position is stale. */
    final long fetchOffset;
    final int positionEpoch;
    final long highWatermark;
    final long lastStableOffset;
    final long logStartOffset;
    final int sizeInBytes;

    private final FetchedRecords owner;
    private final boolean checkCrcs;
    private final IsolationLevel isolationLevel;
    private final Iterator<MutableRecordBatch> batches;
    private final PriorityQueue<AbortedTransaction> abortedTransactions;
    private final Set<Long> abortedProducerIds = new HashSet<>();

    private RecordBatch currentBatch;
    private Iterator<Record> records = Collections.emptyIterator();
    private Optional<Integer> batchEpoch = Optional.empty();
    /** A record read but not handed out because its deserialization failed; retried first. */
    private Record pending;
    /**
     * A corrupt batch: thrown by every later call (after the records before it were returned),
     * until a seek makes this fetch stale. Never skipped silently.
     */
    private KafkaException failure;
    private long nextFetchOffset;
    private Optional<Integer> lastEpoch = Optional.empty();
    private boolean consumed;
    private int recordsRead;

    CompletedFetch(TopicPartition partition, long fetchOffset, int positionEpoch, ByteBuf recordsBuf,
                   long highWatermark, long lastStableOffset, long logStartOffset,
                   List<AbortedTransaction> aborted, IsolationLevel isolationLevel, boolean checkCrcs,
                   FetchedRecords owner) {
        this.partition = partition;
        this.fetchOffset = fetchOffset;
        this.positionEpoch = positionEpoch;
        this.highWatermark = highWatermark;
        this.lastStableOffset = lastStableOffset;
        this.logStartOffset = logStartOffset;
        this.isolationLevel = isolationLevel;
        this.checkCrcs = checkCrcs;
        this.owner = owner;
        this.nextFetchOffset = fetchOffset;
        this.sizeInBytes = recordsBuf == null ? 0 : recordsBuf.readableBytes();
        this.batches = recordsBuf == null ? Collections.emptyIterator()
            : MemoryRecords.readableRecords(recordsBuf).batchIterator();
        if (isolationLevel == IsolationLevel.READ_COMMITTED && aborted != null && !aborted.isEmpty()) {
            abortedTransactions = new PriorityQueue<>(aborted.size(), (a, b) -> Long.compare(a.firstOffset, b.firstOffset));
            abortedTransactions.addAll(aborted);
        } else {
            abortedTransactions = null;
        }
        if (owner != null) {
            owner.hold();
        }
    }

    /** The offset after the last record or batch this fetch has passed. */
    long nextFetchOffset() {
        return nextFetchOffset;
    }

    Optional<Integer> lastEpoch() {
        return lastEpoch;
    }

    boolean isConsumed() {
        return consumed;
    }

    int recordsRead() {
        return recordsRead;
    }

    /** Whether the fetch brought no complete batch at all (nothing at the position, or a first batch over the size limit). */
    boolean isEmpty() {
        return sizeInBytes == 0;
    }

    /**
     * Appends up to {@code max} records to {@code out} and returns how many. Marks the fetch
     * consumed (releasing its share of the frame) when no record is left.
     *
     * @throws RecordDeserializationException when a key or value cannot be deserialized; the
     *         position stays at that record, which the next call tries again
     * @throws KafkaException for a corrupt batch, once the records before it were returned, and
     *         again on every later call
     */
    <K, V> int fetchRecords(Deserializers<K, V> deserializers, int max, List<ConsumerRecord<K, V>> out) {
        if (failure != null) {
            throw failure;
        }
        int n = 0;
        try {
            while (n < max) {
                Record record = pending != null ? pending : nextRecord();
                if (record == null) {
                    drain();
                    break;
                }
                pending = record;
                out.add(toConsumerRecord(record, deserializers));
                pending = null;
                nextFetchOffset = record.offset() + 1;
                lastEpoch = batchEpoch;
                n++;
                recordsRead++; // counted as it goes: drain() reports the count when the end is reached
            }
        } catch (RecordDeserializationException e) {
            if (n == 0) {
                throw e;
            }
        } catch (KafkaException e) {
            failure = new KafkaException("Received exception when fetching the next record from "
                + partition + " at offset " + nextFetchOffset + ". If needed, seek past the record to continue: "
                + e.getMessage(), e);
            if (n == 0) {
                throw failure;
            }
        }
        return n;
    }

    /** The next record to return, or null at the end; skips control batches, aborted data and offsets before the position. */
    private Record nextRecord() {
        while (true) {
            if (records.hasNext()) {
                Record r = records.next();
                if (r.offset() >= nextFetchOffset) {
                    return r;
                }
                continue;
            }
            if (currentBatch != null) {
                // Compaction may leave gaps; the next fetch starts after the whole batch.
                nextFetchOffset = Math.max(nextFetchOffset, currentBatch.nextOffset());
                currentBatch = null;
            }
            if (!batches.hasNext()) {
                return null;
            }
            RecordBatch batch = batches.next();
            if (checkCrcs) {
                batch.ensureValid();
            }
            if (batch.lastOffset() < nextFetchOffset) {
                continue; // wholly before the position (a compressed batch fetched from its middle)
            }
            if (isolationLevel == IsolationLevel.READ_COMMITTED && batch.hasProducerId()) {
                consumeAbortedTransactionsUpTo(batch.lastOffset());
                if (batch.isControlBatch()) {
                    if (isAbortMarker(batch)) {
                        abortedProducerIds.remove(batch.producerId());
                    }
                } else if (batch.isTransactional() && abortedProducerIds.contains(batch.producerId())) {
                    nextFetchOffset = batch.nextOffset();
                    continue;
                }
            }
            if (batch.isControlBatch()) {
                nextFetchOffset = batch.nextOffset();
                continue;
            }
            currentBatch = batch;
            int epoch = batch.partitionLeaderEpoch();
            batchEpoch = epoch == RecordBatch.NO_PARTITION_LEADER_EPOCH ? Optional.empty() : Optional.of(epoch);
            records = batch.iterator();
        }
    }

    private void consumeAbortedTransactionsUpTo(long offset) {
        if (abortedTransactions == null) {
            return;
        }
        while (!abortedTransactions.isEmpty() && abortedTransactions.peek().firstOffset <= offset) {
            abortedProducerIds.add(abortedTransactions.poll().producerId);
        }
    }

    private static boolean isAbortMarker(RecordBatch batch) {
        Iterator<Record> it = batch.iterator();
        if (!it.hasNext()) {
            return false;
        }
        return ControlRecordType.parse(it.next().key()) == ControlRecordType.ABORT;
    }

    private <K, V> ConsumerRecord<K, V> toConsumerRecord(Record record, Deserializers<K, V> deserializers) {
        long offset = record.offset();
        long timestamp = record.timestamp();
        TimestampType timestampType = currentBatch.timestampType();
        Headers headers = new RecordHeaders(record.headers());
        K key;
        try {
            key = deserializers.key(partition.topic(), headers, record);
        } catch (RuntimeException e) {
            throw deserializationError(DeserializationExceptionOrigin.KEY, record, timestampType, headers, e);
        }
        V value;
        try {
            value = deserializers.value(partition.topic(), headers, record);
        } catch (RuntimeException e) {
            throw deserializationError(DeserializationExceptionOrigin.VALUE, record, timestampType, headers, e);
        }
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, timestamp, timestampType,
            record.keySize(), record.valueSize(), key, value, headers, batchEpoch);
    }

    private RecordDeserializationException deserializationError(DeserializationExceptionOrigin origin, Record record,
                                                                TimestampType timestampType, Headers headers,
                                                                RuntimeException cause) {
        // Heap copies: the exception may outlive the response frame the record's bytes are in.
        return new RecordDeserializationException(origin, partition, record.offset(), record.timestamp(),
            timestampType, Deserializers.heapCopy(record.key()), Deserializers.heapCopy(record.value()), headers, "Error deserializing " + origin.name().toLowerCase()
                + " of the record at offset " + record.offset() + " of " + partition
                + ". If needed, seek past the record to continue consumption.", cause);
    }

    /** Gives up the rest of this fetch and its share of the response frame. Idempotent. */
    void drain() {
        if (!consumed) {
            consumed = true;
            pending = null;
            records = Collections.emptyIterator();
            currentBatch = null;
            if (owner != null) {
                owner.done(sizeInBytes, recordsRead);
            }
        }
    }
}
