package io.strand.common.errors;

/** A KRaft voter request named a replica whose id or directory id differs from the receiver's. */
public class InvalidVoterKeyException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidVoterKeyException(String message) {
        super(message);
    }

    public InvalidVoterKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
