package io.strand.common.errors;

/** The broker has no state for the producer id, usually because retention removed all of its records. */
public class UnknownProducerIdException extends OutOfOrderSequenceException {
    private static final long serialVersionUID = 1L;

    public UnknownProducerIdException(String message) {
        super(message);
    }

    public UnknownProducerIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
