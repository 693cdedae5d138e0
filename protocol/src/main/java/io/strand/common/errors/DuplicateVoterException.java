package io.strand.common.errors;

/** The voter to add is already in the voter set. */
public class DuplicateVoterException extends ApiException {
    private static final long serialVersionUID = 1L;

    public DuplicateVoterException(String message) {
        super(message);
    }

    public DuplicateVoterException(String message, Throwable cause) {
        super(message, cause);
    }
}
