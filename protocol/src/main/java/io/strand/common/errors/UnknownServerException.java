package io.strand.common.errors;

/** The broker failed with an error it did not classify, or answered with a code this client does not know. */
public class UnknownServerException extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnknownServerException(String message) {
        super(message);
    }

    public UnknownServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
