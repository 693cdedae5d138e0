package io.strand.common.errors;

/** A broker tried to register with an id that another live broker already uses. */
public class DuplicateBrokerRegistrationException extends ApiException {
    private static final long serialVersionUID = 1L;

    public DuplicateBrokerRegistrationException(String message) {
        super(message);
    }

    public DuplicateBrokerRegistrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
