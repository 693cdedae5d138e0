package io.strand.common.errors;

/**
 * The client could not use a connection to a broker: it could not be established, or it is in
 * reconnect backoff after a failure. Retriable: try again later or through another broker.
 */
public class DisconnectException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public DisconnectException(String message) {
        super(message);
    }

    public DisconnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
