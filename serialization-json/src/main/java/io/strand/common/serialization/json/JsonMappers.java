package io.strand.common.serialization.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The ObjectMapper used when the caller brings none. ObjectMapper is thread-safe once configured, and
 * nothing outside this package can reach this one, so all default serdes share it.
 */
final class JsonMappers {

    /**
     * java.time types as ISO-8601 text with their offsets kept (readable by any JSON consumer, and an
     * OffsetDateTime reads back equal); unknown properties ignored so that a producer may add fields
     * before its consumers know them; trailing content after the JSON value rejected as malformed.
     */
    static final ObjectMapper DEFAULT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonMappers() {
    }
}
