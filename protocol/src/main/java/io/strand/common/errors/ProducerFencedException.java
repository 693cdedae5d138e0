package io.strand.common.errors;

/** A newer producer with the same transactional.id has taken over, so this one can no longer write. */
public class ProducerFencedException extends ApplicationRecoverableException {
    private static final long serialVersionUID = 1L;

    public ProducerFencedException(String message) {
        super(message);
    }

    public ProducerFencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
