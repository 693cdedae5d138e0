package io.strand.common.errors;

/** The coordinator assigned a member id that the consumer must use to join again. */
public class MemberIdRequiredException extends ApiException {
    private static final long serialVersionUID = 1L;

    public MemberIdRequiredException(String message) {
        super(message);
    }

    public MemberIdRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
