package io.strand.common.errors;

/** A request from a broker carried an epoch that is out of date. */
public class StaleBrokerEpochException extends ApiException {
    private static final long serialVersionUID = 1L;

    public StaleBrokerEpochException(String message) {
        super(message);
    }

    public StaleBrokerEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
