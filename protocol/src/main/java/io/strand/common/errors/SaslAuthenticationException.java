package io.strand.common.errors;

/** SASL authentication failed, typically because of wrong credentials. */
public class SaslAuthenticationException extends AuthenticationException {
    private static final long serialVersionUID = 1L;

    public SaslAuthenticationException(String message) {
        super(message);
    }

    public SaslAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
