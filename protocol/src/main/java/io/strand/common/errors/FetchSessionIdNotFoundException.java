package io.strand.common.errors;

/** The broker does not know the incremental fetch session id in the request. */
public class FetchSessionIdNotFoundException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public FetchSessionIdNotFoundException(String message) {
        super(message);
    }

    public FetchSessionIdNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
