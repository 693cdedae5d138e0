package io.strand.common.errors;

/** An offset commit was too large for the broker to store. */
public class InvalidCommitOffsetSizeException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidCommitOffsetSizeException(String message) {
        super(message);
    }

    public InvalidCommitOffsetSizeException(String message, Throwable cause) {
        super(message, cause);
    }
}
