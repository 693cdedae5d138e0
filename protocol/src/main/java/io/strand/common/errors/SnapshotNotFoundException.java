package io.strand.common.errors;

/** The requested KRaft snapshot does not exist. */
public class SnapshotNotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;

    public SnapshotNotFoundException(String message) {
        super(message);
    }

    public SnapshotNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
