package io.strand.common.errors;

/**
 * The request reached a broker that is not the partition's leader, or for replica requests not one
 * of its replicas.
 */
public class NotLeaderOrFollowerException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public NotLeaderOrFollowerException(String message) {
        super(message);
    }

    public NotLeaderOrFollowerException(String message, Throwable cause) {
        super(message, cause);
    }
}
