package io.strand.common.errors;

/** A record batch failed its CRC check or is malformed. */
public class CorruptRecordException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
