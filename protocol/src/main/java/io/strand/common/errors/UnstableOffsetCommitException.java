package io.strand.common.errors;

/** Offsets for the partition are pending in an open transaction and cannot be read stably yet. */
public class UnstableOffsetCommitException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public UnstableOffsetCommitException(String message) {
        super(message);
    }

    public UnstableOffsetCommitException(String message, Throwable cause) {
        super(message, cause);
    }
}
