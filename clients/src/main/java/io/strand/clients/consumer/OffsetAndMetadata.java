package io.strand.clients.consumer;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * An offset to commit or that was committed: the offset of the next record to read, the leader
 * epoch of the last record read (if known) and free-form metadata. Mirrors Apache Kafka's
 * {@code OffsetAndMetadata}.
 */
public class OffsetAndMetadata implements Serializable {

    private static final long serialVersionUID = 2019555404968089681L;

    private final long offset;
    private final String metadata;
    // Nullable rather than Optional, which is not Serializable.
    private final Integer leaderEpoch;

    /**
     * @param offset      the next record to read; must not be negative
     * @param leaderEpoch the leader epoch of the last record read, or empty
     * @param metadata    stored with the offset; null is stored as ""
     */
    public OffsetAndMetadata(long offset, Optional<Integer> leaderEpoch, String metadata) {
        if (offset < 0) {
            throw new IllegalArgumentException("Invalid negative offset " + offset);
        }
        this.offset = offset;
        this.leaderEpoch = leaderEpoch.orElse(null);
        this.metadata = metadata == null ? "" : metadata;
    }

    public OffsetAndMetadata(long offset, String metadata) {
        this(offset, Optional.empty(), metadata);
    }

    public OffsetAndMetadata(long offset) {
        this(offset, "");
    }

    public long offset() {
        return offset;
    }

    public String metadata() {
        return metadata;
    }

    /** The leader epoch of the last record read, empty if unknown or negative. */
    public Optional<Integer> leaderEpoch() {
        if (leaderEpoch == null || leaderEpoch < 0) {
            return Optional.empty();
        }
        return Optional.of(leaderEpoch);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        OffsetAndMetadata that = (OffsetAndMetadata) o;
        return offset == that.offset && Objects.equals(metadata, that.metadata)
            && Objects.equals(leaderEpoch(), that.leaderEpoch());
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, metadata, leaderEpoch());
    }

    @Override
    public String toString() {
        return "OffsetAndMetadata{offset=" + offset + ", leaderEpoch=" + leaderEpoch + ", metadata='" + metadata + "'}";
    }
}
