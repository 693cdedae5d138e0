package io.strand.common.errors;

/** The new leader's high watermark has not caught up yet, so offsets cannot be served consistently. */
public class OffsetNotAvailableException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public OffsetNotAvailableException(String message) {
        super(message);
    }

    public OffsetNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
