package io.strand.common.errors;

/** The controller failed to apply an update to the finalized features. */
public class FeatureUpdateFailedException extends ApiException {
    private static final long serialVersionUID = 1L;

    public FeatureUpdateFailedException(String message) {
        super(message);
    }

    public FeatureUpdateFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
