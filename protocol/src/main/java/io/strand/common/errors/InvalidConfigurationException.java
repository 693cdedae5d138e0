package io.strand.common.errors;

/** A configuration value sent to the broker is not valid. */
public class InvalidConfigurationException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String message) {
        super(message);
    }

    public InvalidConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
