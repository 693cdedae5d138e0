package io.strand.common.errors;

/** The consumer group does not support the requested server-side assignor or its version range. */
public class UnsupportedAssignorException extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnsupportedAssignorException(String message) {
        super(message);
    }

    public UnsupportedAssignorException(String message, Throwable cause) {
        super(message, cause);
    }
}
