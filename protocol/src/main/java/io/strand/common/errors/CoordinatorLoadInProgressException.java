package io.strand.common.errors;

/** The coordinator is still loading group or transaction state and cannot serve the request yet. */
public class CoordinatorLoadInProgressException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public CoordinatorLoadInProgressException(String message) {
        super(message);
    }

    public CoordinatorLoadInProgressException(String message, Throwable cause) {
        super(message, cause);
    }
}
