package io.strand.common.errors;

import io.strand.common.KafkaException;

/** A serializer or deserializer could not convert a key or value. */
public class SerializationException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public SerializationException(String message) {
        super(message);
    }

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }

    public SerializationException(Throwable cause) {
        super(cause);
    }
}
