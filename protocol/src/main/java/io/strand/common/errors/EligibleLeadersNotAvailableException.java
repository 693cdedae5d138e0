package io.strand.common.errors;

/** No replica eligible to become the partition's leader is available. */
public class EligibleLeadersNotAvailableException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public EligibleLeadersNotAvailableException(String message) {
        super(message);
    }

    public EligibleLeadersNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
