package io.strand.common.errors;

/** The broker does not know the share session in the request. */
public class ShareSessionNotFoundException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public ShareSessionNotFoundException(String message) {
        super(message);
    }

    public ShareSessionNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
