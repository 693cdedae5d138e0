package io.strand.common.errors;

/** The member's epoch is behind; it must retry with the epoch from its next heartbeat response. */
public class StaleMemberEpochException extends ApiException {
    private static final long serialVersionUID = 1L;

    public StaleMemberEpochException(String message) {
        super(message);
    }

    public StaleMemberEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
