package io.strand.common.errors;

import io.strand.common.KafkaException;

/**
 * A blocking call was interrupted. Unchecked, so that it can cross APIs that do not declare
 * {@link InterruptedException}; every constructor re-sets the thread's interrupt flag, which
 * catching the InterruptedException cleared, so that code further up still sees the interrupt.
 */
public class InterruptException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public InterruptException(InterruptedException cause) {
        super(cause);
        Thread.currentThread().interrupt();
    }

    public InterruptException(String message, InterruptedException cause) {
        super(message, cause);
        Thread.currentThread().interrupt();
    }

    public InterruptException(String message) {
        this(message, new InterruptedException());
    }
}
