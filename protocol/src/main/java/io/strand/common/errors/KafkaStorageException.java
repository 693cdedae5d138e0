package io.strand.common.errors;

/** The broker hit a disk error on the log directory that holds the partition. */
public class KafkaStorageException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public KafkaStorageException(String message) {
        super(message);
    }

    public KafkaStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
