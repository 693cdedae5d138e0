package io.strand.common.errors;

/** A streams group member sent a topology epoch older than the group's. */
public class StreamsTopologyFencedException extends ApiException {
    private static final long serialVersionUID = 1L;

    public StreamsTopologyFencedException(String message) {
        super(message);
    }

    public StreamsTopologyFencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
