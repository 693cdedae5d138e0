/**
 * Serializer, Deserializer and Serde, and the built-in serdes, with the same names, signatures, settings
 * and wire formats as Apache Kafka's {@code org.apache.kafka.common.serialization}. Every built-in
 * deserializer also reads a {@link java.nio.ByteBuffer} slice in place where it can, so the consumer can
 * hand over record bytes without copying them first.
 */
package io.strand.common.serialization;
