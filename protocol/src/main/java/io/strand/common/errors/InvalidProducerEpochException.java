package io.strand.common.errors;

/** A producer wrote with an epoch older than the one the broker knows for its producer id. */
public class InvalidProducerEpochException extends ApplicationRecoverableException {
    private static final long serialVersionUID = 1L;

    public InvalidProducerEpochException(String message) {
        super(message);
    }

    public InvalidProducerEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
