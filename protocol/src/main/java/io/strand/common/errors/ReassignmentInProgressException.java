package io.strand.common.errors;

/** The operation conflicts with a partition reassignment that is still running. */
public class ReassignmentInProgressException extends ApiException {
    private static final long serialVersionUID = 1L;

    public ReassignmentInProgressException(String message) {
        super(message);
    }

    public ReassignmentInProgressException(String message, Throwable cause) {
        super(message, cause);
    }
}
