package io.strand.common.errors;

/** The request named the same resource more than once. */
public class DuplicateResourceException extends ApiException {
    private static final long serialVersionUID = 1L;

    public DuplicateResourceException(String message) {
        super(message);
    }

    public DuplicateResourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
