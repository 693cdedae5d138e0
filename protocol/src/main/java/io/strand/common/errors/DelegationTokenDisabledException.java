package io.strand.common.errors;

/** Delegation tokens are not enabled on the cluster. */
public class DelegationTokenDisabledException extends ApiException {
    private static final long serialVersionUID = 1L;

    public DelegationTokenDisabledException(String message) {
        super(message);
    }

    public DelegationTokenDisabledException(String message, Throwable cause) {
        super(message, cause);
    }
}
