package io.strand.common.message;

import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.int64;
import static io.strand.common.protocol.types.Field.string;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.StructSchema;

/** AddOffsetsToTxn (key 25): a producer enlists a consumer group's offsets topic partition in its transaction. */
public final class AddOffsetsToTxn {
    private AddOffsetsToTxn() {
    }

    public static final class Request {
        private Request() {
        }

        public static final Field<String> TRANSACTIONAL_ID = string("transactional_id");
        public static final Field<Long> PRODUCER_ID = int64("producer_id");
        public static final Field<Short> PRODUCER_EPOCH = int16("producer_epoch");
        public static final Field<String> GROUP_ID = string("group_id");

        public static final StructSchema SCHEMA = StructSchema.of("AddOffsetsToTxnRequest",
            TRANSACTIONAL_ID, PRODUCER_ID, PRODUCER_EPOCH, GROUP_ID);
    }

    public static final class Response {
        private Response() {
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms");
        public static final Field<Short> ERROR_CODE = int16("error_code");

        public static final StructSchema SCHEMA = StructSchema.of("AddOffsetsToTxnResponse",
            THROTTLE_TIME_MS, ERROR_CODE);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.ADD_OFFSETS_TO_TXN, Request.SCHEMA, Response.SCHEMA);
}
