package io.strand.common.serialization;

import io.strand.common.KafkaException;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * Reads the List serde's settings: the inner serde ({@code default.list.key.serde.inner} /
 * {@code default.list.value.serde.inner}) and the list class ({@code default.list.key.serde.type} /
 * {@code default.list.value.serde.type}), each given as a Class or a class name. Apache Kafka class names
 * are read as their Strand equivalents, so a properties file written for kafka-clients works unchanged.
 */
final class InnerSerdeConfig {

    static final String KEY_INNER = "default.list.key.serde.inner";
    static final String VALUE_INNER = "default.list.value.serde.inner";
    static final String KEY_TYPE = "default.list.key.serde.type";
    static final String VALUE_TYPE = "default.list.value.serde.type";

    private static final String APACHE_PREFIX = "org.apache.kafka.";
    private static final String STRAND_PREFIX = "io.strand.";

    private InnerSerdeConfig() {
    }

    /** A new instance of the inner serde the settings name. */
    static Serde<?> innerSerde(Map<String, ?> configs, boolean isKey) {
        String setting = isKey ? KEY_INNER : VALUE_INNER;
        Class<?> type = classSetting(configs, setting);
        if (!Serde.class.isAssignableFrom(type)) {
            throw new KafkaException("Invalid value " + type.getName() + " for configuration " + setting
                    + ": not an implementation of " + Serde.class.getName());
        }
        try {
            return (Serde<?>) type.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new KafkaException("Invalid value " + type.getName() + " for configuration " + setting
                    + ": could not be created through a public no-argument constructor", e);
        }
    }

    /** The list class the settings name. */
    static Class<?> listClass(Map<String, ?> configs, boolean isKey) {
        return classSetting(configs, isKey ? KEY_TYPE : VALUE_TYPE);
    }

    private static Class<?> classSetting(Map<String, ?> configs, String setting) {
        Object value = configs.get(setting);
        if (value == null) {
            throw new KafkaException("Missing configuration " + setting
                    + ": it is required when no value was passed to the List serde's constructor");
        }
        if (value instanceof Class<?> type) {
            return type;
        }
        if (value instanceof String name) {
            return load(name.trim(), setting);
        }
        throw new KafkaException("Invalid value " + value + " for configuration " + setting
                + ": expected a Class or a class name, got a " + value.getClass().getName());
    }

    private static Class<?> load(String name, String setting) {
        if (name.startsWith(APACHE_PREFIX)) {
            try {
                return Class.forName(STRAND_PREFIX + name.substring(APACHE_PREFIX.length()), true, loader());
            } catch (ClassNotFoundException e) {
                // not a class Strand mirrors: load the name as given
            }
        }
        try {
            return Class.forName(name, true, loader());
        } catch (ClassNotFoundException e) {
            throw new KafkaException("Invalid value " + name + " for configuration " + setting
                    + ": class could not be found", e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : InnerSerdeConfig.class.getClassLoader();
    }
}
