package io.strand.common.errors;

/** The operation needs an empty group, but the group still has members. */
public class GroupNotEmptyException extends ApiException {
    private static final long serialVersionUID = 1L;

    public GroupNotEmptyException(String message) {
        super(message);
    }

    public GroupNotEmptyException(String message, Throwable cause) {
        super(message, cause);
    }
}
