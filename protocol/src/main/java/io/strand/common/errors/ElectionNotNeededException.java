package io.strand.common.errors;

/** The requested leader election is unnecessary: the partition already has the leader it would pick. */
public class ElectionNotNeededException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public ElectionNotNeededException(String message) {
        super(message);
    }

    public ElectionNotNeededException(String message, Throwable cause) {
        super(message, cause);
    }
}
