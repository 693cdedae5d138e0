package io.strand.common.errors;

/** A streams group member sent a topology epoch that is not valid. */
public class StreamsInvalidTopologyEpochException extends ApiException {
    private static final long serialVersionUID = 1L;

    public StreamsInvalidTopologyEpochException(String message) {
        super(message);
    }

    public StreamsInvalidTopologyEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
