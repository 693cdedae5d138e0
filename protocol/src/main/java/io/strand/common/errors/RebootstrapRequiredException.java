package io.strand.common.errors;

/** The client's metadata is too stale to repair; it must start again from bootstrap.servers. */
public class RebootstrapRequiredException extends ApiException {
    private static final long serialVersionUID = 1L;

    public RebootstrapRequiredException(String message) {
        super(message);
    }

    public RebootstrapRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
