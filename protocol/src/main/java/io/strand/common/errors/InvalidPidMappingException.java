package io.strand.common.errors;

/** The producer id in the request is not the one currently assigned to the transactional id. */
public class InvalidPidMappingException extends ApplicationRecoverableException {
    private static final long serialVersionUID = 1L;

    public InvalidPidMappingException(String message) {
        super(message);
    }

    public InvalidPidMappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
