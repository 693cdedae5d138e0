package io.strand.common.message;

import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.int64;
import static io.strand.common.protocol.types.Field.string;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.StructSchema;

/** InitProducerId (key 22): obtains (or bumps the epoch of) a producer id, for idempotence and transactions. */
public final class InitProducerId {
    private InitProducerId() {
    }

    public static final class Request {
        private Request() {
        }

        // Null for an idempotent producer without transactions.
        public static final Field<String> TRANSACTIONAL_ID = string("transactional_id").nullable();
        public static final Field<Integer> TRANSACTION_TIMEOUT_MS = int32("transaction_timeout_ms");
        // From v3 a producer passes its current id and epoch to have the epoch bumped; -1 asks for a new id.
        public static final Field<Long> PRODUCER_ID = int64("producer_id").versions(3).defaultsTo(-1L);
        public static final Field<Short> PRODUCER_EPOCH = int16("producer_epoch").versions(3).defaultsTo((short) -1);

        public static final StructSchema SCHEMA = StructSchema.of("InitProducerIdRequest",
            TRANSACTIONAL_ID, TRANSACTION_TIMEOUT_MS, PRODUCER_ID, PRODUCER_EPOCH);
    }

    public static final class Response {
        private Response() {
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").ignorable();
        public static final Field<Short> ERROR_CODE = int16("error_code");
        public static final Field<Long> PRODUCER_ID = int64("producer_id").defaultsTo(-1L);
        public static final Field<Short> PRODUCER_EPOCH = int16("producer_epoch");

        public static final StructSchema SCHEMA = StructSchema.of("InitProducerIdResponse",
            THROTTLE_TIME_MS, ERROR_CODE, PRODUCER_ID, PRODUCER_EPOCH);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.INIT_PRODUCER_ID, Request.SCHEMA, Response.SCHEMA);
}
