package io.strand.common.message;

import static io.strand.common.protocol.types.Field.array;
import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.string;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Types;
import java.util.List;

/** SaslHandshake (key 17): the client names a SASL mechanism; the broker lists the ones it enables. */
public final class SaslHandshake {
    private SaslHandshake() {
    }

    public static final class Request {
        private Request() {
        }

        public static final Field<String> MECHANISM = string("mechanism");

        public static final StructSchema SCHEMA = StructSchema.of("SaslHandshakeRequest", MECHANISM);
    }

    public static final class Response {
        private Response() {
        }

        public static final Field<Short> ERROR_CODE = int16("error_code");
        public static final Field<List<String>> MECHANISMS = array("mechanisms", Types.STRING);

        public static final StructSchema SCHEMA = StructSchema.of("SaslHandshakeResponse", ERROR_CODE, MECHANISMS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.SASL_HANDSHAKE, Request.SCHEMA, Response.SCHEMA);
}
