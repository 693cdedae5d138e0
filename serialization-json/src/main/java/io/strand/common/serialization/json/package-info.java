/**
 * JSON keys and values on Jackson databind: {@link io.strand.common.serialization.json.JsonSerializer},
 * {@link io.strand.common.serialization.json.JsonDeserializer} and
 * {@link io.strand.common.serialization.json.JsonSerde}. A separate artifact, so that only its users
 * depend on Jackson.
 */
package io.strand.common.serialization.json;
