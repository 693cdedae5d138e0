package io.strand.common.errors;

/** A fetch session used topic ids inconsistently from one request to the next. */
public class FetchSessionTopicIdException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public FetchSessionTopicIdException(String message) {
        super(message);
    }

    public FetchSessionTopicIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
