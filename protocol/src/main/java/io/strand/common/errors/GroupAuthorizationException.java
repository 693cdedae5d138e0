package io.strand.common.errors;

/** The principal may not perform the operation on the consumer group. */
public class GroupAuthorizationException extends AuthorizationException {
    private static final long serialVersionUID = 1L;

    private final String groupId;

    public GroupAuthorizationException(String message, String groupId) {
        super(message);
        this.groupId = groupId;
    }

    public GroupAuthorizationException(String message) {
        this(message, (String) null);
    }

    public GroupAuthorizationException(String message, Throwable cause) {
        super(message, cause);
        this.groupId = null;
    }

    public static GroupAuthorizationException forGroupId(String groupId) {
        return new GroupAuthorizationException("Not authorized to access group '" + groupId + "'", groupId);
    }

    /** The group the principal was refused, or null when it is not known. */
    public String groupId() {
        return groupId;
    }
}
