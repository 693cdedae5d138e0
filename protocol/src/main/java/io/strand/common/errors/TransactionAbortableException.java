package io.strand.common.errors;

/** The transaction hit an error; aborting it lets the producer keep its transactional id. */
public class TransactionAbortableException extends ApiException {
    private static final long serialVersionUID = 1L;

    public TransactionAbortableException(String message) {
        super(message);
    }

    public TransactionAbortableException(String message, Throwable cause) {
        super(message, cause);
    }
}
