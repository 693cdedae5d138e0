package io.strand.common.errors;

/** The delegation token named in the request does not exist. */
public class DelegationTokenNotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;

    public DelegationTokenNotFoundException(String message) {
        super(message);
    }

    public DelegationTokenNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
