package io.strand.common.message;

import static io.strand.common.protocol.types.Field.bytes;
import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int64;
import static io.strand.common.protocol.types.Field.string;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.StructSchema;

/** SaslAuthenticate (key 36): one round of SASL tokens, framed as a Kafka request after SaslHandshake v1. */
public final class SaslAuthenticate {
    private SaslAuthenticate() {
    }

    public static final class Request {
        private Request() {
        }

        public static final Field<byte[]> AUTH_BYTES = bytes("auth_bytes");

        public static final StructSchema SCHEMA = StructSchema.of("SaslAuthenticateRequest", AUTH_BYTES);
    }

    public static final class Response {
        private Response() {
        }

        public static final Field<Short> ERROR_CODE = int16("error_code");
        public static final Field<String> ERROR_MESSAGE = string("error_message").nullable();
        public static final Field<byte[]> AUTH_BYTES = bytes("auth_bytes");
        // Apache drops a non-zero lifetime when answering v0 rather than refusing the response.
        public static final Field<Long> SESSION_LIFETIME_MS = int64("session_lifetime_ms").versions(1).ignorable();

        public static final StructSchema SCHEMA = StructSchema.of("SaslAuthenticateResponse",
            ERROR_CODE, ERROR_MESSAGE, AUTH_BYTES, SESSION_LIFETIME_MS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.SASL_AUTHENTICATE, Request.SCHEMA, Response.SCHEMA);
}
