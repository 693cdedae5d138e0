package io.strand.common.errors;

/** The log directory named in the request is not configured on the broker. */
public class LogDirNotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;

    public LogDirNotFoundException(String message) {
        super(message);
    }

    public LogDirNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
