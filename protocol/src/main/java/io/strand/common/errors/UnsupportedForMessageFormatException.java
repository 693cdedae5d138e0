package io.strand.common.errors;

/** The topic's message format version is too old for what the request needs. */
public class UnsupportedForMessageFormatException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    public UnsupportedForMessageFormatException(String message) {
        super(message);
    }

    public UnsupportedForMessageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
