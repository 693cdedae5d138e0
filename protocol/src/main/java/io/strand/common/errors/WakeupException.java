package io.strand.common.errors;

import io.strand.common.KafkaException;

/**
 * A blocking consumer call was aborted because another thread called {@code wakeup()}. Not an
 * error of the operation: the application asked for it, typically to shut the consumer down.
 */
public class WakeupException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public WakeupException() {
        super("The consumer was woken up by a call to wakeup()");
    }
}
