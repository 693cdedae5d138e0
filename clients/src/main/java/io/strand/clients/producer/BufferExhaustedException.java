package io.strand.clients.producer;

import io.strand.common.errors.TimeoutException;

/**
 * send could not get memory for a record within {@code max.block.ms} because {@code buffer.memory}
 * was full of records not yet sent, which means the producer outpaces the brokers.
 */
public class BufferExhaustedException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    public BufferExhaustedException(String message) {
        super(message);
    }
}
