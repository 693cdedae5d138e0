package io.strand.common.errors;

/** The broker does not host a topic with the id in the request. */
public class UnknownTopicIdException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public UnknownTopicIdException(String message) {
        super(message);
    }

    public UnknownTopicIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
