package io.strand.common.errors;

/** The update version in the request does not match the state it would update. */
public class InvalidUpdateVersionException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidUpdateVersionException(String message) {
        super(message);
    }

    public InvalidUpdateVersionException(String message, Throwable cause) {
        super(message, cause);
    }
}
