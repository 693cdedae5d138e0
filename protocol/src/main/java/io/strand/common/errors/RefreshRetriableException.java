package io.strand.common.errors;

/** A retriable error that calls for fresh metadata, or a new coordinator lookup, before the retry. */
public abstract class RefreshRetriableException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public RefreshRetriableException(String message) {
        super(message);
    }

    public RefreshRetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
