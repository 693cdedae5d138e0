package io.strand.common.errors;

/** The cluster id in the request differs from the receiving node's. */
public class InconsistentClusterIdException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InconsistentClusterIdException(String message) {
        super(message);
    }

    public InconsistentClusterIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
