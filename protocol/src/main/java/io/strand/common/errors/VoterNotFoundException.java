package io.strand.common.errors;

/** The voter named in the request is not in the voter set. */
public class VoterNotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;

    public VoterNotFoundException(String message) {
        super(message);
    }

    public VoterNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
