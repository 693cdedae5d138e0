package io.strand.common.errors;

/**
 * A record is larger than the broker or topic accepts (max.message.bytes) or than the producer's
 * max.request.size.
 */
public class RecordTooLargeException extends ApiException {
    private static final long serialVersionUID = 1L;

    public RecordTooLargeException(String message) {
        super(message);
    }

    public RecordTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
