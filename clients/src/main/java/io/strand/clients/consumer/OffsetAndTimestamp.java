package io.strand.clients.consumer;

import java.util.Objects;
import java.util.Optional;

/** What {@code offsetsForTimes} found: the earliest offset whose timestamp is at or after the one asked for. */
public final class OffsetAndTimestamp {

    private final long timestamp;
    private final long offset;
    private final Optional<Integer> leaderEpoch;

    public OffsetAndTimestamp(long offset, long timestamp) {
        this(offset, timestamp, Optional.empty());
    }

    public OffsetAndTimestamp(long offset, long timestamp, Optional<Integer> leaderEpoch) {
        if (offset < 0) {
            throw new IllegalArgumentException("Invalid negative offset " + offset);
        }
        if (timestamp < 0) {
            throw new IllegalArgumentException("Invalid negative timestamp " + timestamp);
        }
        this.offset = offset;
        this.timestamp = timestamp;
        this.leaderEpoch = leaderEpoch;
    }

    public long timestamp() {
        return timestamp;
    }

    public long offset() {
        return offset;
    }

    public Optional<Integer> leaderEpoch() {
        return leaderEpoch;
    }

    @Override
    public String toString() {
        return "(timestamp=" + timestamp + ", leaderEpoch=" + leaderEpoch.orElse(null) + ", offset=" + offset + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        OffsetAndTimestamp that = (OffsetAndTimestamp) o;
        return timestamp == that.timestamp && offset == that.offset && Objects.equals(leaderEpoch, that.leaderEpoch);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, offset, leaderEpoch);
    }
}
