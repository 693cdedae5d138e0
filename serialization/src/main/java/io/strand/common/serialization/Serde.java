package io.strand.common.serialization;

import java.io.Closeable;
import java.util.Map;

/**
 * A matching {@link Serializer} and {@link Deserializer} for one type. Mirrors Apache Kafka's {@code Serde}.
 *
 * @param <T> the type both halves handle
 */
public interface Serde<T> extends Closeable {

    /** Configures both halves. By default nothing happens; {@link Serdes.WrapperSerde} forwards to both. */
    default void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure by default
    }

    /** Closes both halves. By default nothing happens; {@link Serdes.WrapperSerde} forwards to both. */
    @Override
    default void close() {
        // nothing to release by default
    }

    Serializer<T> serializer();

    Deserializer<T> deserializer();
}
