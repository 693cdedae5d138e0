package io.strand.common.errors;

/**
 * The leader appended the records, but the in-sync replicas fell below min.insync.replicas before
 * acknowledging them.
 */
public class NotEnoughReplicasAfterAppendException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public NotEnoughReplicasAfterAppendException(String message) {
        super(message);
    }

    public NotEnoughReplicasAfterAppendException(String message, Throwable cause) {
        super(message, cause);
    }
}
