package io.strand.common.errors;

/** A replica of the partition is not available on the broker that was asked. */
public class ReplicaNotAvailableException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public ReplicaNotAvailableException(String message) {
        super(message);
    }

    public ReplicaNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
