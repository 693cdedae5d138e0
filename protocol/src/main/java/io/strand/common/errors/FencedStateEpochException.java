package io.strand.common.errors;

/** A share-group state request carried a state epoch that the share coordinator no longer accepts. */
public class FencedStateEpochException extends ApiException {
    private static final long serialVersionUID = 1L;

    public FencedStateEpochException(String message) {
        super(message);
    }

    public FencedStateEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
