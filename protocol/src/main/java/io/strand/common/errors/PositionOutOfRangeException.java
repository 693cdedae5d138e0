package io.strand.common.errors;

/** A snapshot read asked for a position outside the snapshot. */
public class PositionOutOfRangeException extends ApiException {
    private static final long serialVersionUID = 1L;

    public PositionOutOfRangeException(String message) {
        super(message);
    }

    public PositionOutOfRangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
