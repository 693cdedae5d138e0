package io.strand.common.errors;

/** The broker skipped this part of a batched request because another part failed first. */
public class OperationNotAttemptedException extends ApiException {
    private static final long serialVersionUID = 1L;

    public OperationNotAttemptedException(String message) {
        super(message);
    }

    public OperationNotAttemptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
