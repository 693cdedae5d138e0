package io.strand.common.errors;

/** The broker already holds as many share sessions as it allows. */
public class ShareSessionLimitReachedException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public ShareSessionLimitReachedException(String message) {
        super(message);
    }

    public ShareSessionLimitReachedException(String message, Throwable cause) {
        super(message, cause);
    }
}
