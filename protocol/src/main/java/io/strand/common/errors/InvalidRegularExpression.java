package io.strand.common.errors;

/** The broker could not compile a subscription's regular expression. */
public class InvalidRegularExpression extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidRegularExpression(String message) {
        super(message);
    }

    public InvalidRegularExpression(String message, Throwable cause) {
        super(message, cause);
    }
}
