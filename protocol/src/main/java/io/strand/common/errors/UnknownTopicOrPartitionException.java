package io.strand.common.errors;

/** The broker does not host the topic or partition named in the request. */
public class UnknownTopicOrPartitionException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public UnknownTopicOrPartitionException(String message) {
        super(message);
    }

    public UnknownTopicOrPartitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
