package io.strand.common.errors;

/**
 * The requested partition count is not valid: below 1, or not above the current count when adding
 * partitions.
 */
public class InvalidPartitionsException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidPartitionsException(String message) {
        super(message);
    }

    public InvalidPartitionsException(String message, Throwable cause) {
        super(message, cause);
    }
}
