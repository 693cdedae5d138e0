package io.strand.common.errors;

/** A share-group acknowledgement named a record whose state does not allow it. */
public class InvalidRecordStateException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordStateException(String message) {
        super(message);
    }

    public InvalidRecordStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
