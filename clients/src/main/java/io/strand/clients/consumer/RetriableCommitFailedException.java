package io.strand.clients.consumer;

import io.strand.common.errors.RetriableException;

/** An asynchronous commit failed for a reason that may pass (coordinator moved, timeout); committing again may succeed. */
public class RetriableCommitFailedException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public RetriableCommitFailedException(Throwable t) {
        super("Offset commit failed with a retriable exception. You should retry committing the latest consumed offsets.", t);
    }

    public RetriableCommitFailedException(String message) {
        super(message);
    }

    public RetriableCommitFailedException(String message, Throwable t) {
        super(message, t);
    }
}
