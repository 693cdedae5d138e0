package io.strand.common.errors;

/** No group with the requested id exists. */
public class GroupIdNotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;

    public GroupIdNotFoundException(String message) {
        super(message);
    }

    public GroupIdNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
