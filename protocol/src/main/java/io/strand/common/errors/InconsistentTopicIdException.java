package io.strand.common.errors;

/** The topic id in the request differs from the one stored in the partition's log. */
public class InconsistentTopicIdException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public InconsistentTopicIdException(String message) {
        super(message);
    }

    public InconsistentTopicIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
