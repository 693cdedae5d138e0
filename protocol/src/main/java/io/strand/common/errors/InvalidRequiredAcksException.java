package io.strand.common.errors;

/** A produce request carried an acks value other than -1, 0 or 1. */
public class InvalidRequiredAcksException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    public InvalidRequiredAcksException(String message) {
        super(message);
    }

    public InvalidRequiredAcksException(String message, Throwable cause) {
        super(message, cause);
    }
}
