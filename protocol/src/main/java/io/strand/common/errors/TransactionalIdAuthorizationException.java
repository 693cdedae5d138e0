package io.strand.common.errors;

/** The principal may not use the transactional id. */
public class TransactionalIdAuthorizationException extends AuthorizationException {
    private static final long serialVersionUID = 1L;

    public TransactionalIdAuthorizationException(String message) {
        super(message);
    }

    public TransactionalIdAuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
