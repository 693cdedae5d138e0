package io.strand.common.errors;

/**
 * Retrying the same request will not help, but the application can recover, for example by
 * rejoining its group or aborting its transaction.
 */
public abstract class ApplicationRecoverableException extends ApiException {
    private static final long serialVersionUID = 1L;

    public ApplicationRecoverableException(String message) {
        super(message);
    }

    public ApplicationRecoverableException(String message, Throwable cause) {
        super(message, cause);
    }
}
