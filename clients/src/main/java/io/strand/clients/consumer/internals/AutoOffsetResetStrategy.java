package io.strand.clients.consumer.internals;

import io.strand.clients.consumer.ConsumerConfig;
import java.time.Duration;
import java.util.Locale;

/**
 * What auto.offset.reset (or seekToBeginning/End) asks for, and the ListOffsets timestamp that
 * finds it: -2 for the earliest offset, -1 for the latest, or a time for by_duration.
 */
public final class AutoOffsetResetStrategy {

    public enum Type { EARLIEST, LATEST, NONE, BY_DURATION }

    public static final long EARLIEST_TIMESTAMP = -2L;
    public static final long LATEST_TIMESTAMP = -1L;

    public static final AutoOffsetResetStrategy EARLIEST = new AutoOffsetResetStrategy(Type.EARLIEST, null);
    public static final AutoOffsetResetStrategy LATEST = new AutoOffsetResetStrategy(Type.LATEST, null);
    public static final AutoOffsetResetStrategy NONE = new AutoOffsetResetStrategy(Type.NONE, null);

    private final Type type;
    private final Duration duration;

    private AutoOffsetResetStrategy(Type type, Duration duration) {
        this.type = type;
        this.duration = duration;
    }

    /** From an auto.offset.reset value (already validated by ConsumerConfig). */
    public static AutoOffsetResetStrategy fromConfig(String value) {
        Duration d = ConsumerConfig.resetDuration(value);
        if (d != null) {
            return new AutoOffsetResetStrategy(Type.BY_DURATION, d);
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case ConsumerConfig.AUTO_OFFSET_RESET_EARLIEST:
                return EARLIEST;
            case ConsumerConfig.AUTO_OFFSET_RESET_LATEST:
                return LATEST;
            case ConsumerConfig.AUTO_OFFSET_RESET_NONE:
                return NONE;
            default:
                throw new IllegalArgumentException("Unknown auto.offset.reset " + value);
        }
    }

    public Type type() {
        return type;
    }

    /** The timestamp to ask ListOffsets for. */
    public long timestamp(long nowMs) {
        switch (type) {
            case EARLIEST:
                return EARLIEST_TIMESTAMP;
            case LATEST:
                return LATEST_TIMESTAMP;
            case BY_DURATION:
                return Math.max(0, nowMs - duration.toMillis());
            default:
                throw new IllegalStateException("No offset to look up for reset strategy none");
        }
    }

    @Override
    public String toString() {
        return type == Type.BY_DURATION ? "by_duration:" + duration : type.name().toLowerCase(Locale.ROOT);
    }
}
