package io.strand.common.errors;

/** A fetch or offset lookup asked for an offset outside the part of the log the broker still retains. */
public class OffsetOutOfRangeException extends InvalidOffsetException {
    private static final long serialVersionUID = 1L;

    public OffsetOutOfRangeException(String message) {
        super(message);
    }

    public OffsetOutOfRangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
