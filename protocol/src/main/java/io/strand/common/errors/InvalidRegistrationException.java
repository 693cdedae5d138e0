package io.strand.common.errors;

/** A broker's registration request failed the controller's checks. */
public class InvalidRegistrationException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidRegistrationException(String message) {
        super(message);
    }

    public InvalidRegistrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
