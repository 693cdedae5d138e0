package io.strand.common.errors;

/** The controller id in the request is not known. */
public class UnknownControllerIdException extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnknownControllerIdException(String message) {
        super(message);
    }

    public UnknownControllerIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
