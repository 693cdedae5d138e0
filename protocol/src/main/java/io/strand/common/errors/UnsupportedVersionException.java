package io.strand.common.errors;

/**
 * The chosen version of an API cannot carry what was asked of it: the broker does not support
 * the API at that version, or a field holds a value that version has no place for.
 */
public class UnsupportedVersionException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    public UnsupportedVersionException(String message) {
        super(message);
    }

    public UnsupportedVersionException(String message, Throwable cause) {
        super(message, cause);
    }
}
