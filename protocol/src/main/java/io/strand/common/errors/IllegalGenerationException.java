package io.strand.common.errors;

/** A group request named a generation that is not the group's current one. */
public class IllegalGenerationException extends ApplicationRecoverableException {
    private static final long serialVersionUID = 1L;

    public IllegalGenerationException(String message) {
        super(message);
    }

    public IllegalGenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
