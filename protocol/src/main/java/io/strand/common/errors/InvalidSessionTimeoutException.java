package io.strand.common.errors;

/** The requested session timeout is outside the range the broker allows. */
public class InvalidSessionTimeoutException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidSessionTimeoutException(String message) {
        super(message);
    }

    public InvalidSessionTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
