package io.strand.common.errors;

/** A request arrived at a point of the SASL exchange where it is not allowed. */
public class IllegalSaslStateException extends AuthenticationException {
    private static final long serialVersionUID = 1L;

    public IllegalSaslStateException(String message) {
        super(message);
    }

    public IllegalSaslStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
