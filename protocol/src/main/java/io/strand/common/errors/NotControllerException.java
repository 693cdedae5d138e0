package io.strand.common.errors;

/** The request reached a node that is not the active controller. */
public class NotControllerException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public NotControllerException(String message) {
        super(message);
    }

    public NotControllerException(String message, Throwable cause) {
        super(message, cause);
    }
}
