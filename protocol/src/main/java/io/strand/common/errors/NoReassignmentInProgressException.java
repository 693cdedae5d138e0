package io.strand.common.errors;

/** A cancellation named a partition that has no reassignment running. */
public class NoReassignmentInProgressException extends ApiException {
    private static final long serialVersionUID = 1L;

    public NoReassignmentInProgressException(String message) {
        super(message);
    }

    public NoReassignmentInProgressException(String message, Throwable cause) {
        super(message, cause);
    }
}
