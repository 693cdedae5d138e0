package io.strand.common.errors;

import io.strand.common.KafkaException;

/** An error a broker reported in a response, or one the client maps to a protocol error code. */
public class ApiException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public ApiException(String message) {
        super(message);
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A broker's error has no useful stack: where it was raised is the network thread that
     * read the response. Skipping the trace keeps error-heavy paths (retries) cheap.
     */
    @Override
    public Throwable fillInStackTrace() {
        return this;
    }
}
