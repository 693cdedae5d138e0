package io.strand.common.errors;

/** A transactional request is not allowed in the transaction's current state. */
public class InvalidTxnStateException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidTxnStateException(String message) {
        super(message);
    }

    public InvalidTxnStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
