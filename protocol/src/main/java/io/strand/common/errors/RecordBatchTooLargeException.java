package io.strand.common.errors;

/** A record batch is larger than the topic's log segment size. */
public class RecordBatchTooLargeException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    public RecordBatchTooLargeException(String message) {
        super(message);
    }

    public RecordBatchTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
