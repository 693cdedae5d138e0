package io.strand.common.errors;

/** The group already has as many members as group.max.size allows. */
public class GroupMaxSizeReachedException extends ApiException {
    private static final long serialVersionUID = 1L;

    public GroupMaxSizeReachedException(String message) {
        super(message);
    }

    public GroupMaxSizeReachedException(String message, Throwable cause) {
        super(message, cause);
    }
}
