package io.strand.clients.producer;

import io.strand.common.TopicPartition;

/** Where a record was written: topic, partition, offset, timestamp and serialized sizes. */
public final class RecordMetadata {

    /** The partition of a record that failed before one was chosen. */
    public static final int UNKNOWN_PARTITION = -1;

    private static final long UNKNOWN_OFFSET = -1L;
    private static final long NO_TIMESTAMP = -1L;

    private final TopicPartition topicPartition;
    private final long offset;
    private final long timestamp;
    private final int serializedKeySize;
    private final int serializedValueSize;

    /**
     * @param baseOffset the offset of the batch's first record, or -1 when unknown (acks=0, failure)
     * @param batchIndex the record's index within its batch
     */
    public RecordMetadata(TopicPartition topicPartition, long baseOffset, int batchIndex, long timestamp,
                          int serializedKeySize, int serializedValueSize) {
        this.topicPartition = topicPartition;
        this.offset = baseOffset == UNKNOWN_OFFSET ? UNKNOWN_OFFSET : baseOffset + batchIndex;
        this.timestamp = timestamp;
        this.serializedKeySize = serializedKeySize;
        this.serializedValueSize = serializedValueSize;
    }

    public boolean hasOffset() {
        return offset != UNKNOWN_OFFSET;
    }

    /** The record's offset in its partition, or -1 when the broker did not say (acks=0). */
    public long offset() {
        return offset;
    }

    public boolean hasTimestamp() {
        return timestamp != NO_TIMESTAMP;
    }

    /** The record's CreateTime, or the broker's LogAppendTime when the topic uses that. */
    public long timestamp() {
        return timestamp;
    }

    /** Bytes of the serialized key, -1 for a null key. */
    public int serializedKeySize() {
        return serializedKeySize;
    }

    /** Bytes of the serialized value, -1 for a null value. */
    public int serializedValueSize() {
        return serializedValueSize;
    }

    public String topic() {
        return topicPartition.topic();
    }

    public int partition() {
        return topicPartition.partition();
    }

    @Override
    public String toString() {
        return topicPartition + "@" + offset;
    }
}
