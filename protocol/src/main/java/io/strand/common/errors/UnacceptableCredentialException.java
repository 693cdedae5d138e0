package io.strand.common.errors;

/** A credential being set does not meet the broker's requirements. */
public class UnacceptableCredentialException extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnacceptableCredentialException(String message) {
        super(message);
    }

    public UnacceptableCredentialException(String message, Throwable cause) {
        super(message, cause);
    }
}
