package io.strand.common.errors;

/** A topic was asked for with fewer than one replica, or with more replicas than there are brokers to hold them. */
public class InvalidReplicationFactorException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    public InvalidReplicationFactorException(String message) {
        super(message);
    }

    public InvalidReplicationFactorException(String message, Throwable cause) {
        super(message, cause);
    }
}
