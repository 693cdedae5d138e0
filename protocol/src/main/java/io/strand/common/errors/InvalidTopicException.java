package io.strand.common.errors;

/** The topic name is not legal, or names an internal topic the operation may not touch. */
public class InvalidTopicException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    public InvalidTopicException(String message) {
        super(message);
    }

    public InvalidTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
