package io.strand.common.errors;

/** Another member with the same group.instance.id has since registered with a different member id. */
public class FencedInstanceIdException extends ApplicationRecoverableException {
    private static final long serialVersionUID = 1L;

    public FencedInstanceIdException(String message) {
        super(message);
    }

    public FencedInstanceIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
