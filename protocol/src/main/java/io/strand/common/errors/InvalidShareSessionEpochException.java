package io.strand.common.errors;

/** The share session epoch in the request is not the one the broker expected. */
public class InvalidShareSessionEpochException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public InvalidShareSessionEpochException(String message) {
        super(message);
    }

    public InvalidShareSessionEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
