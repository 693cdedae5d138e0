package io.strand.common.errors;

/** The connection to the broker closed before a response arrived. */
public class NetworkException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public NetworkException(String message) {
        super(message);
    }

    public NetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
