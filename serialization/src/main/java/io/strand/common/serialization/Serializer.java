package io.strand.common.serialization;

import io.strand.common.header.Headers;

import java.io.Closeable;
import java.util.Map;

/**
 * Converts an object of type {@code T} into the bytes of a record key or value.
 * Mirrors Apache Kafka's {@code Serializer}: an implementation needs a public no-argument
 * constructor when it is named in a configuration, and is configured once before first use.
 *
 * @param <T> the type this serializer accepts
 */
public interface Serializer<T> extends Closeable {

    /**
     * Configures this serializer from the client's configuration.
     *
     * @param configs the client's configuration
     * @param isKey   true when this serializer handles record keys, false for values
     */
    default void configure(Map<String, ?> configs, boolean isKey) {
        // most serializers have nothing to configure
    }

    /**
     * @param topic the topic the record goes to
     * @param data  the object to convert; may be null
     * @return the bytes, or null to write a null key or value
     */
    byte[] serialize(String topic, T data);

    /**
     * Converts with access to the record's headers, which a serializer may read or add to.
     * By default the headers are ignored.
     */
    default byte[] serialize(String topic, Headers headers, T data) {
        return serialize(topic, data);
    }

    /** Releases what this serializer holds. Must be idempotent. */
    @Override
    default void close() {
        // nothing to release by default
    }
}
