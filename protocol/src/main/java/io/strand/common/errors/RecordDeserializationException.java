package io.strand.common.errors;

import io.strand.common.TopicPartition;
import io.strand.common.header.Headers;
import io.strand.common.record.TimestampType;
import java.nio.ByteBuffer;

/**
 * A consumer could not deserialize the key or value of the record at {@link #offset()} of
 * {@link #topicPartition()}. The consumer's position stays at that record, so the application
 * can inspect the raw bytes here and seek past it.
 */
public class RecordDeserializationException extends SerializationException {
    private static final long serialVersionUID = 1L;

    /** Which part of the record failed. */
    public enum DeserializationExceptionOrigin {
        KEY, VALUE
    }

    private final DeserializationExceptionOrigin origin;
    private final TopicPartition partition;
    private final long offset;
    private final TimestampType timestampType;
    private final long timestamp;
    private final transient ByteBuffer keyBuffer;
    private final transient ByteBuffer valueBuffer;
    private final transient Headers headers;

    public RecordDeserializationException(TopicPartition partition, long offset, String message, Throwable cause) {
        this(DeserializationExceptionOrigin.VALUE, partition, offset, -1L, TimestampType.NO_TIMESTAMP_TYPE, null, null,
            null, message, cause);
    }

    public RecordDeserializationException(DeserializationExceptionOrigin origin, TopicPartition partition, long offset,
                                          long timestamp, TimestampType timestampType, ByteBuffer keyBuffer,
                                          ByteBuffer valueBuffer, Headers headers, String message, Throwable cause) {
        super(message, cause);
        this.origin = origin;
        this.partition = partition;
        this.offset = offset;
        this.timestampType = timestampType;
        this.timestamp = timestamp;
        this.keyBuffer = keyBuffer;
        this.valueBuffer = valueBuffer;
        this.headers = headers;
    }

    public DeserializationExceptionOrigin origin() {
        return origin;
    }

    public TopicPartition topicPartition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public TimestampType timestampType() {
        return timestampType;
    }

    public long timestamp() {
        return timestamp;
    }

    public ByteBuffer keyBuffer() {
        return keyBuffer;
    }

    public ByteBuffer valueBuffer() {
        return valueBuffer;
    }

    public Headers headers() {
        return headers;
    }
}
