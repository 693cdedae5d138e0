package io.strand.common.errors;

/** The request was sent to the wrong kind of endpoint, broker or controller. */
public class MismatchedEndpointTypeException extends ApiException {
    private static final long serialVersionUID = 1L;

    public MismatchedEndpointTypeException(String message) {
        super(message);
    }

    public MismatchedEndpointTypeException(String message, Throwable cause) {
        super(message, cause);
    }
}
