package io.strand.common.errors;

import java.util.Set;

/** The principal may not perform the operation on one or more topics; {@link #unauthorizedTopics()} names them. */
public class TopicAuthorizationException extends AuthorizationException {
    private static final long serialVersionUID = 1L;

    private final Set<String> unauthorizedTopics;

    public TopicAuthorizationException(String message, Set<String> unauthorizedTopics) {
        super(message);
        this.unauthorizedTopics = Set.copyOf(unauthorizedTopics);
    }

    public TopicAuthorizationException(Set<String> unauthorizedTopics) {
        this("Not authorized to access topics " + unauthorizedTopics, unauthorizedTopics);
    }

    public TopicAuthorizationException(String message) {
        this(message, Set.of());
    }

    public TopicAuthorizationException(String message, Throwable cause) {
        super(message, cause);
        this.unauthorizedTopics = Set.of();
    }

    /** The topics the principal was refused; empty when the broker did not say which. */
    public Set<String> unauthorizedTopics() {
        return unauthorizedTopics;
    }
}
