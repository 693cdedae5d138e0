package io.strand.common.errors;

/** Offsets of a topic cannot be deleted while the group is still subscribed to it. */
public class GroupSubscribedToTopicException extends ApiException {
    private static final long serialVersionUID = 1L;

    public GroupSubscribedToTopicException(String message) {
        super(message);
    }

    public GroupSubscribedToTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
