package io.strand.common.errors;

/** The endpoint type the request asked for is not supported. */
public class UnsupportedEndpointTypeException extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnsupportedEndpointTypeException(String message) {
        super(message);
    }

    public UnsupportedEndpointTypeException(String message, Throwable cause) {
        super(message, cause);
    }
}
