package io.strand.common.errors;

/** The principal of a forwarded request could not be deserialized by the node receiving it. */
public class PrincipalDeserializationException extends ApiException {
    private static final long serialVersionUID = 1L;

    public PrincipalDeserializationException(String message) {
        super(message);
    }

    public PrincipalDeserializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
