package io.strand.common.errors;

/** The leader epoch in the request is older than the broker's, so the client's metadata is stale. */
public class FencedLeaderEpochException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public FencedLeaderEpochException(String message) {
        super(message);
    }

    public FencedLeaderEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
