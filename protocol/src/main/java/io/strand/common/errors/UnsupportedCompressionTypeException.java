package io.strand.common.errors;

/** The request version cannot carry the compression type the partition uses. */
public class UnsupportedCompressionTypeException extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnsupportedCompressionTypeException(String message) {
        super(message);
    }

    public UnsupportedCompressionTypeException(String message, Throwable cause) {
        super(message, cause);
    }
}
