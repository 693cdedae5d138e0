package io.strand.common.errors;

/** The broker received an idempotent batch whose sequence number is not the next one it expected. */
public class OutOfOrderSequenceException extends ApiException {
    private static final long serialVersionUID = 1L;

    public OutOfOrderSequenceException(String message) {
        super(message);
    }

    public OutOfOrderSequenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
