package io.strand.common.errors;

/** The broker asked is not the coordinator for the group or transactional id. */
public class NotCoordinatorException extends RefreshRetriableException {
    private static final long serialVersionUID = 1L;

    public NotCoordinatorException(String message) {
        super(message);
    }

    public NotCoordinatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
