package io.strand.common.errors;

/** The request needs a security feature, such as ACLs, that the broker does not have enabled. */
public class SecurityDisabledException extends ApiException {
    private static final long serialVersionUID = 1L;

    public SecurityDisabledException(String message) {
        super(message);
    }

    public SecurityDisabledException(String message, Throwable cause) {
        super(message, cause);
    }
}
