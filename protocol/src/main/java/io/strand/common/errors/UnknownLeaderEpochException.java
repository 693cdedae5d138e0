package io.strand.common.errors;

/** The leader epoch in the request is newer than the broker's, so the broker has not caught up yet. */
public class UnknownLeaderEpochException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public UnknownLeaderEpochException(String message) {
        super(message);
    }

    public UnknownLeaderEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
