package io.strand.common.errors;

/** A topic with the requested name already exists. */
public class TopicExistsException extends ApiException {
    private static final long serialVersionUID = 1L;

    public TopicExistsException(String message) {
        super(message);
    }

    public TopicExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
