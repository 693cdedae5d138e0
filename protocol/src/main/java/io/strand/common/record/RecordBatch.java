package io.strand.common.record;

import java.util.Iterator;

/**
 * A batch of records as stored and sent: a v2 record batch, or for magic 0 and 1 one legacy
 * message (a compressed wrapper counts as one batch holding its inner messages). Reading the
 * header fields costs nothing; records are decoded only as {@link #iterator()} reaches them, and
 * the CRC is checked only when {@link #isValid()} or {@link #ensureValid()} is called.
 */
public interface RecordBatch extends Iterable<Record> {

    byte MAGIC_VALUE_V0 = 0;
    byte MAGIC_VALUE_V1 = 1;
    byte MAGIC_VALUE_V2 = 2;
    byte CURRENT_MAGIC_VALUE = MAGIC_VALUE_V2;

    long NO_TIMESTAMP = -1L;
    int NO_PARTITION_LEADER_EPOCH = -1;
    long NO_PRODUCER_ID = -1L;
    short NO_PRODUCER_EPOCH = -1;
    int NO_SEQUENCE = -1;

    byte magic();

    long baseOffset();

    long lastOffset();

    default long nextOffset() {
        return lastOffset() + 1;
    }

    /** The stored checksum: CRC-32C for v2, CRC-32 of the (wrapper) message for magic 0 and 1. */
    long checksum();

    boolean isValid();

    /** @throws io.strand.common.errors.CorruptRecordException naming the base offset and both CRCs */
    void ensureValid();

    int sizeInBytes();

    CompressionType compressionType();

    TimestampType timestampType();

    long maxTimestamp();

    long producerId();

    short producerEpoch();

    int baseSequence();

    int lastSequence();

    default boolean hasProducerId() {
        return producerId() > NO_PRODUCER_ID;
    }

    boolean isTransactional();

    boolean isControlBatch();

    int partitionLeaderEpoch();

    /** The number of records, or null where only decompression would tell (legacy wrappers). */
    Integer countOrNull();

    /** Records one at a time, decompressing the batch on first use. */
    @Override
    Iterator<Record> iterator();
}
