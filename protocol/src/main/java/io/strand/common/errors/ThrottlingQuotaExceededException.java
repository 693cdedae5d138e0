package io.strand.common.errors;

/** The request exceeded a throttling quota, such as the topic mutation rate. */
public class ThrottlingQuotaExceededException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public ThrottlingQuotaExceededException(String message) {
        super(message);
    }

    public ThrottlingQuotaExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
