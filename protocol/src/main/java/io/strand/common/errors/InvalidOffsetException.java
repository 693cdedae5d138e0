package io.strand.common.errors;

/** An offset cannot be used for the partition, for example because it is out of range. */
public class InvalidOffsetException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidOffsetException(String message) {
        super(message);
    }

    public InvalidOffsetException(String message, Throwable cause) {
        super(message, cause);
    }
}
