package io.strand.common.errors;

/** The broker received a batch with a sequence number it has already written. */
public class DuplicateSequenceException extends ApiException {
    private static final long serialVersionUID = 1L;

    public DuplicateSequenceException(String message) {
        super(message);
    }

    public DuplicateSequenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
