package io.strand.common.errors;

/** The group id is empty or otherwise not usable. */
public class InvalidGroupIdException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidGroupIdException(String message) {
        super(message);
    }

    public InvalidGroupIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
