package io.strand.common;

import io.strand.common.errors.InvalidConfigurationException;

/** The broker's validation rejected a record, for example one without a key on a compacted topic. */
public class InvalidRecordException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
