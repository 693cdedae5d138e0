package io.strand.common.record;

/**
 * A stored batch whose broker-assigned fields can be set in place, without re-encoding it. Only
 * fields covered by the CRC (attributes, max timestamp) cost a CRC update; the base offset and
 * partition leader epoch lie outside it.
 */
public interface MutableRecordBatch extends RecordBatch {

    void setBaseOffset(long baseOffset);

    /** Sets the base offset so that the last record lands on {@code lastOffset}. */
    void setLastOffset(long lastOffset);

    void setPartitionLeaderEpoch(int epoch);

    /** Sets the timestamp type and max timestamp (LogAppendTime on the broker) and updates the CRC. */
    void setMaxTimestamp(TimestampType timestampType, long maxTimestamp);
}
