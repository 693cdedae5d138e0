package io.strand.common.errors;

/** An explicit replica assignment is malformed or names brokers that cannot hold it. */
public class InvalidReplicaAssignmentException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidReplicaAssignmentException(String message) {
        super(message);
    }

    public InvalidReplicaAssignmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
