package io.strand.common.errors;

/** An operation did not complete in the time it was given, on the broker or in the client. */
public class TimeoutException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public TimeoutException(String message) {
        super(message);
    }

    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
