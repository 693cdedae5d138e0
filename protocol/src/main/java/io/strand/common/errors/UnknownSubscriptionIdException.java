package io.strand.common.errors;

/** A telemetry push used a subscription id that is unknown or out of date. */
public class UnknownSubscriptionIdException extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnknownSubscriptionIdException(String message) {
        super(message);
    }

    public UnknownSubscriptionIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
