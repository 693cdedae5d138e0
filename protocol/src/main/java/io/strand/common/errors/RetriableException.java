package io.strand.common.errors;

/** A transient error: the same operation may succeed if tried again. */
public class RetriableException extends ApiException {
    private static final long serialVersionUID = 1L;

    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
