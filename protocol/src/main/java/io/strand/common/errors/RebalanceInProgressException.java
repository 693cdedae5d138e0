package io.strand.common.errors;

/** The group is rebalancing, so the member must rejoin before the request can succeed. */
public class RebalanceInProgressException extends ApiException {
    private static final long serialVersionUID = 1L;

    public RebalanceInProgressException(String message) {
        super(message);
    }

    public RebalanceInProgressException(String message, Throwable cause) {
        super(message, cause);
    }
}
