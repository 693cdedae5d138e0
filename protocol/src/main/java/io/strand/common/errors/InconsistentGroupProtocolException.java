package io.strand.common.errors;

/** A member joined with a protocol type or protocols that the rest of the group does not share. */
public class InconsistentGroupProtocolException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InconsistentGroupProtocolException(String message) {
        super(message);
    }

    public InconsistentGroupProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
