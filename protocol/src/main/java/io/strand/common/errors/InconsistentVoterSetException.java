package io.strand.common.errors;

/** A KRaft voter request came from, or reached, a node outside the expected voter set. */
public class InconsistentVoterSetException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InconsistentVoterSetException(String message) {
        super(message);
    }

    public InconsistentVoterSetException(String message, Throwable cause) {
        super(message, cause);
    }
}
