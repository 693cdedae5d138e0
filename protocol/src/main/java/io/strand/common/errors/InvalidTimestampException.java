package io.strand.common.errors;

/** A record's timestamp is outside the range the topic accepts. */
public class InvalidTimestampException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidTimestampException(String message) {
        super(message);
    }

    public InvalidTimestampException(String message, Throwable cause) {
        super(message, cause);
    }
}
