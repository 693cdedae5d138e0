package io.strand.common.errors;

/** The client's view of the cluster is out of date for this request: refresh metadata, then retry. */
public abstract class InvalidMetadataException extends RefreshRetriableException {
    private static final long serialVersionUID = 1L;

    protected InvalidMetadataException(String message) {
        super(message);
    }

    protected InvalidMetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
