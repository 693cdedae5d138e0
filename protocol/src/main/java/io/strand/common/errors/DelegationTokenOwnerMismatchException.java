package io.strand.common.errors;

/** The principal is neither the owner nor a renewer of the delegation token. */
public class DelegationTokenOwnerMismatchException extends ApiException {
    private static final long serialVersionUID = 1L;

    public DelegationTokenOwnerMismatchException(String message) {
        super(message);
    }

    public DelegationTokenOwnerMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
