package io.strand.common.errors;

/** The group.instance.id is still held by another member, which must leave first. */
public class UnreleasedInstanceIdException extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnreleasedInstanceIdException(String message) {
        super(message);
    }

    public UnreleasedInstanceIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
