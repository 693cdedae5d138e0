package io.strand.common.errors;

/** Another operation on the same transaction is still in progress. */
public class ConcurrentTransactionsException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public ConcurrentTransactionsException(String message) {
        super(message);
    }

    public ConcurrentTransactionsException(String message, Throwable cause) {
        super(message, cause);
    }
}
