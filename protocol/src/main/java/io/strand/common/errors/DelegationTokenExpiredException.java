package io.strand.common.errors;

/** The delegation token has passed its expiry time. */
public class DelegationTokenExpiredException extends ApiException {
    private static final long serialVersionUID = 1L;

    public DelegationTokenExpiredException(String message) {
        super(message);
    }

    public DelegationTokenExpiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
