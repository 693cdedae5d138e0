package io.strand.common.errors;

/** The request breaks a policy configured on the broker, such as a create-topic policy. */
public class PolicyViolationException extends ApiException {
    private static final long serialVersionUID = 1L;

    public PolicyViolationException(String message) {
        super(message);
    }

    public PolicyViolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
