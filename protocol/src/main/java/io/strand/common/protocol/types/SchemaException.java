package io.strand.common.protocol.types;

import io.strand.common.KafkaException;

/** A message definition is inconsistent, or a value cannot be written in the shape its field demands. */
public class SchemaException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }
}
