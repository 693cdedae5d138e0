package io.strand.common.errors;

/** A preferred leader election could not make the preferred replica the leader. */
public class PreferredLeaderNotAvailableException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public PreferredLeaderNotAvailableException(String message) {
        super(message);
    }

    public PreferredLeaderNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
