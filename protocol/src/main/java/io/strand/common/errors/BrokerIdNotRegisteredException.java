package io.strand.common.errors;

/** The broker id in the request has not registered with the controller. */
public class BrokerIdNotRegisteredException extends ApiException {
    private static final long serialVersionUID = 1L;

    public BrokerIdNotRegisteredException(String message) {
        super(message);
    }

    public BrokerIdNotRegisteredException(String message, Throwable cause) {
        super(message, cause);
    }
}
