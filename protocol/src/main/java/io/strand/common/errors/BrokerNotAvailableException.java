package io.strand.common.errors;

/** The broker named in the request is not available. */
public class BrokerNotAvailableException extends ApiException {
    private static final long serialVersionUID = 1L;

    public BrokerNotAvailableException(String message) {
        super(message);
    }

    public BrokerNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
