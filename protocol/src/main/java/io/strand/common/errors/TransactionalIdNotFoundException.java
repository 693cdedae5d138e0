package io.strand.common.errors;

/** No transaction state exists for the transactional id. */
public class TransactionalIdNotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;

    public TransactionalIdNotFoundException(String message) {
        super(message);
    }

    public TransactionalIdNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
