package io.strand.common.errors;

/** The group coordinator fenced the member's epoch; the member must give up its partitions and rejoin. */
public class FencedMemberEpochException extends ApiException {
    private static final long serialVersionUID = 1L;

    public FencedMemberEpochException(String message) {
        super(message);
    }

    public FencedMemberEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
