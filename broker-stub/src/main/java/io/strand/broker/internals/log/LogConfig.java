package io.strand.broker.internals.log;

/**
 * How disk logs are laid out and flushed.
 *
 * <p>Durability. Every append hands its bytes to the operating system ({@code write(2)} through a
 * {@link java.nio.channels.FileChannel}) before {@link PartitionLog#append} returns, so an
 * acknowledged record is in the page cache and survives the broker process dying, SIGKILL
 * included, whatever {@link #flushEveryAppend()} says. Only an operating-system crash or power
 * loss can lose page-cache data; {@code flushEveryAppend = true} (like Kafka's
 * {@code flush.messages=1}) closes that gap by calling {@code fsync} before append returns, at the
 * cost of one disk flush per Produce request. With {@code false} (the default, like Kafka's) the
 * broker never forces data explicitly except at close.
 *
 * @param segmentBytes       roll a new segment when the next batch would take the active one past
 *                           this many bytes ({@code segment.bytes}; a larger batch is rejected)
 * @param indexIntervalBytes bytes between sparse offset-index entries ({@code index.interval.bytes})
 * @param flushEveryAppend   fsync the segment before each append returns
 */
public record LogConfig(int segmentBytes, int indexIntervalBytes, boolean flushEveryAppend) {

    public static final int DEFAULT_SEGMENT_BYTES = 1024 * 1024 * 1024;
    public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4096;
    /** The smallest segment.bytes: one batch header (Kafka's own minimum is 14 bytes, which no v2 batch fits). */
    public static final int MIN_SEGMENT_BYTES = 61;

    public static final LogConfig DEFAULT = new LogConfig(DEFAULT_SEGMENT_BYTES, DEFAULT_INDEX_INTERVAL_BYTES, false);

    public LogConfig {
        if (segmentBytes < MIN_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segment.bytes must be at least " + MIN_SEGMENT_BYTES + ", got " + segmentBytes);
        }
        if (indexIntervalBytes < 0) {
            throw new IllegalArgumentException("index.interval.bytes must not be negative, got " + indexIntervalBytes);
        }
    }

    public LogConfig withSegmentBytes(int segmentBytes) {
        return new LogConfig(segmentBytes, indexIntervalBytes, flushEveryAppend);
    }

    public LogConfig withIndexIntervalBytes(int indexIntervalBytes) {
        return new LogConfig(segmentBytes, indexIntervalBytes, flushEveryAppend);
    }

    public LogConfig withFlushEveryAppend(boolean flushEveryAppend) {
        return new LogConfig(segmentBytes, indexIntervalBytes, flushEveryAppend);
    }
}
