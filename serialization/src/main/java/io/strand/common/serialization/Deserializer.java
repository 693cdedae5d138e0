package io.strand.common.serialization;

import io.strand.common.header.Headers;
import io.strand.common.utils.Utils;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Converts the bytes of a record key or value back into an object of type {@code T}.
 * Mirrors Apache Kafka's {@code Deserializer}.
 *
 * @param <T> the type this deserializer produces
 */
public interface Deserializer<T> extends Closeable {

    /**
     * Configures this deserializer from the client's configuration.
     *
     * @param configs the client's configuration
     * @param isKey   true when this deserializer handles record keys, false for values
     */
    default void configure(Map<String, ?> configs, boolean isKey) {
        // most deserializers have nothing to configure
    }

    /**
     * @param topic the topic the record came from
     * @param data  the bytes; null when the record's key or value is null
     * @return the object, may be null
     */
    T deserialize(String topic, byte[] data);

    /** Converts with access to the record's headers. By default the headers are ignored. */
    default T deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    /**
     * Converts the bytes between {@code data}'s position and limit. The buffer may be a view of a
     * larger fetch response, so implementations must not assume position 0 or a backing array that
     * starts at the data, and must leave position and limit as they found them.
     * By default the bytes are copied into an array and handed to {@link #deserialize(String, Headers, byte[])};
     * deserializers that can read a buffer directly override this to skip the copy.
     * The buffer is valid only during this call: it may be a view of pooled memory that is reused
     * afterwards, so a result must not keep a reference to it (copy what you keep).
     */
    default T deserialize(String topic, Headers headers, ByteBuffer data) {
        return deserialize(topic, headers, Utils.toNullableArray(data));
    }

    /** Releases what this deserializer holds. Must be idempotent. */
    @Override
    default void close() {
        // nothing to release by default
    }
}
