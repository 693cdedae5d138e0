package io.strand.common.errors;

/** A fetch request asked for a maximum size the broker cannot use. */
public class InvalidFetchSizeException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidFetchSizeException(String message) {
        super(message);
    }

    public InvalidFetchSizeException(String message, Throwable cause) {
        super(message, cause);
    }
}
