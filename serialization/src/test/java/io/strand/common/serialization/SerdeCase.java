package io.strand.common.serialization;

import java.util.List;
import java.util.function.Supplier;

/**
 * One built-in serde and its Apache twin, with the values to try. Values are shared Java types, so one
 * value feeds both sides. Raw types let one parameterized test run every serde.
 */
record SerdeCase(String name,
                 Supplier<Serializer<Object>> strandSerializer,
                 Supplier<Deserializer<Object>> strandDeserializer,
                 Supplier<org.apache.kafka.common.serialization.Serializer<Object>> apacheSerializer,
                 Supplier<org.apache.kafka.common.serialization.Deserializer<Object>> apacheDeserializer,
                 List<Object> values) {

    @SuppressWarnings({"unchecked", "rawtypes"})
    static SerdeCase of(String name, Supplier<? extends Serializer<?>> ss, Supplier<? extends Deserializer<?>> sd,
                        Supplier<? extends org.apache.kafka.common.serialization.Serializer<?>> as,
                        Supplier<? extends org.apache.kafka.common.serialization.Deserializer<?>> ad,
                        List<?> values) {
        return new SerdeCase(name, (Supplier) ss, (Supplier) sd, (Supplier) as, (Supplier) ad, (List<Object>) values);
    }

    @Override
    public String toString() {
        return name;
    }
}
