package io.strand.common.errors;

/** The partition has fewer in-sync replicas than min.insync.replicas, so acks=all writes are refused. */
public class NotEnoughReplicasException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public NotEnoughReplicasException(String message) {
        super(message);
    }

    public NotEnoughReplicasException(String message, Throwable cause) {
        super(message, cause);
    }
}
