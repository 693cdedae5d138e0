package io.strand.common.errors;

/** The broker does not enable the SASL mechanism the client asked for. */
public class UnsupportedSaslMechanismException extends AuthenticationException {
    private static final long serialVersionUID = 1L;

    public UnsupportedSaslMechanismException(String message) {
        super(message);
    }

    public UnsupportedSaslMechanismException(String message, Throwable cause) {
        super(message, cause);
    }
}
