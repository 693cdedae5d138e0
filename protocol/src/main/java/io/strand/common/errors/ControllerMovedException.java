package io.strand.common.errors;

/** A controller request carried an old epoch because the controller role has moved to another node. */
public class ControllerMovedException extends ApiException {
    private static final long serialVersionUID = 1L;

    public ControllerMovedException(String message) {
        super(message);
    }

    public ControllerMovedException(String message, Throwable cause) {
        super(message, cause);
    }
}
