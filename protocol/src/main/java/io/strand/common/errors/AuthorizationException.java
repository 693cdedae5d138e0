package io.strand.common.errors;

/** The authenticated principal lacks a permission (ACL) that the operation needs. */
public class AuthorizationException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    public AuthorizationException(String message) {
        super(message);
    }

    public AuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
