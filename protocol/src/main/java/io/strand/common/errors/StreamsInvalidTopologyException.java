package io.strand.common.errors;

/** A streams group member sent a topology the broker rejects. */
public class StreamsInvalidTopologyException extends ApiException {
    private static final long serialVersionUID = 1L;

    public StreamsInvalidTopologyException(String message) {
        super(message);
    }

    public StreamsInvalidTopologyException(String message, Throwable cause) {
        super(message, cause);
    }
}
