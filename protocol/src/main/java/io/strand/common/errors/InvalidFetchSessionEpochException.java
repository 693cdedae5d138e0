package io.strand.common.errors;

/** The fetch session epoch in the request does not follow the broker's. */
public class InvalidFetchSessionEpochException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public InvalidFetchSessionEpochException(String message) {
        super(message);
    }

    public InvalidFetchSessionEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
