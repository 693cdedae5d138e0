package io.strand.common.errors;

/** The operation is not allowed over the connection's authentication method. */
public class UnsupportedByAuthenticationException extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnsupportedByAuthenticationException(String message) {
        super(message);
    }

    public UnsupportedByAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
