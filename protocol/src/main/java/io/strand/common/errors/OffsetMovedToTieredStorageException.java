package io.strand.common.errors;

/** The requested offset now lives only in tiered (remote) storage. */
public class OffsetMovedToTieredStorageException extends ApiException {
    private static final long serialVersionUID = 1L;

    public OffsetMovedToTieredStorageException(String message) {
        super(message);
    }

    public OffsetMovedToTieredStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
