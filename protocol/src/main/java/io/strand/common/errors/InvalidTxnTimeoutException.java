package io.strand.common.errors;

/** The transaction timeout exceeds the broker's transaction.max.timeout.ms. */
public class InvalidTxnTimeoutException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidTxnTimeoutException(String message) {
        super(message);
    }

    public InvalidTxnTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
