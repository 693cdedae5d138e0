package io.strand.common.errors;

/** An error a broker reported in a response, or one the client maps to a protocol error code. */
public class ApiException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public ApiException(String message) {
        super(message);
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
