package io.strand.common.errors;

/**
 * The connection could not be authenticated, for example because of bad credentials or an
 * unsupported SASL mechanism.
 */
public class AuthenticationException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
