package io.strand.common.errors;

/** The coordinator has no member with the id in the request, usually because the member's session expired. */
public class UnknownMemberIdException extends ApplicationRecoverableException {
    private static final long serialVersionUID = 1L;

    public UnknownMemberIdException(String message) {
        super(message);
    }

    public UnknownMemberIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
