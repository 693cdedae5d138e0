package io.strand.common.errors;

/** The partition leader has no listener matching the one the metadata request arrived on. */
public class ListenerNotFoundException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public ListenerNotFoundException(String message) {
        super(message);
    }

    public ListenerNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
