package io.strand.common.errors;

/** No coordinator is available for the group or transactional id right now. */
public class CoordinatorNotAvailableException extends RefreshRetriableException {
    private static final long serialVersionUID = 1L;

    public CoordinatorNotAvailableException(String message) {
        super(message);
    }

    public CoordinatorNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
