package io.strand.common.errors;

/** The partition has no leader at the moment, usually because an election is under way. */
public class LeaderNotAvailableException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public LeaderNotAvailableException(String message) {
        super(message);
    }

    public LeaderNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
