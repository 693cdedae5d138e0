package io.strand.common.config;

import io.strand.common.KafkaException;
import io.strand.common.config.types.Password;

/** A configuration value is missing, of the wrong type, out of range, or names a class that cannot be used. */
public class ConfigException extends KafkaException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final transient Object value;

    public ConfigException(String message) {
        super(message);
        this.name = null;
        this.value = null;
    }

    public ConfigException(String name, Object value) {
        this(name, value, null);
    }

    /** "Invalid value {value} for configuration {name}: {message}"; a password's value is never shown. */
    public ConfigException(String name, Object value, String message) {
        super("Invalid value " + shown(value) + " for configuration " + name + (message == null ? "" : ": " + message));
        this.name = name;
        this.value = value;
    }

    private static Object shown(Object value) {
        return value instanceof Password ? Password.HIDDEN : value;
    }

    /** The key at fault, or null when the message is about no single key. */
    public String configName() {
        return name;
    }

    public Object configValue() {
        return value;
    }
}
