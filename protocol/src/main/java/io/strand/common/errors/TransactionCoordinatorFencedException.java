package io.strand.common.errors;

/** A transaction coordinator that is no longer current tried to write transaction markers. */
public class TransactionCoordinatorFencedException extends ApiException {
    private static final long serialVersionUID = 1L;

    public TransactionCoordinatorFencedException(String message) {
        super(message);
    }

    public TransactionCoordinatorFencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
