package io.strand.common.errors;

/** A proposed ISR includes a replica that is not eligible to join it. */
public class IneligibleReplicaException extends ApiException {
    private static final long serialVersionUID = 1L;

    public IneligibleReplicaException(String message) {
        super(message);
    }

    public IneligibleReplicaException(String message, Throwable cause) {
        super(message, cause);
    }
}
