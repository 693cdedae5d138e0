package io.strand.common.errors;

/** A telemetry push exceeded the broker's size limit. */
public class TelemetryTooLargeException extends ApiException {
    private static final long serialVersionUID = 1L;

    public TelemetryTooLargeException(String message) {
        super(message);
    }

    public TelemetryTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
