package io.strand.common.errors;

/** Topic deletion is turned off on the broker (delete.topic.enable=false). */
public class TopicDeletionDisabledException extends ApiException {
    private static final long serialVersionUID = 1L;

    public TopicDeletionDisabledException(String message) {
        super(message);
    }

    public TopicDeletionDisabledException(String message, Throwable cause) {
        super(message, cause);
    }
}
