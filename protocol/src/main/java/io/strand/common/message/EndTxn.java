package io.strand.common.message;

import static io.strand.common.protocol.types.Field.bool;
import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.int64;
import static io.strand.common.protocol.types.Field.string;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.StructSchema;

/** EndTxn (key 26): a producer commits or aborts its transaction. */
public final class EndTxn {
    private EndTxn() {
    }

    public static final class Request {
        private Request() {
        }

        public static final Field<String> TRANSACTIONAL_ID = string("transactional_id");
        public static final Field<Long> PRODUCER_ID = int64("producer_id");
        public static final Field<Short> PRODUCER_EPOCH = int16("producer_epoch");
        public static final Field<Boolean> COMMITTED = bool("committed");

        public static final StructSchema SCHEMA = StructSchema.of("EndTxnRequest",
            TRANSACTIONAL_ID, PRODUCER_ID, PRODUCER_EPOCH, COMMITTED);
    }

    public static final class Response {
        private Response() {
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms");
        public static final Field<Short> ERROR_CODE = int16("error_code");
        // v5 (transactions v2) bumps the epoch at every commit/abort and hands the new one back; a hint before.
        public static final Field<Long> PRODUCER_ID = int64("producer_id").versions(5).defaultsTo(-1L).ignorable();
        public static final Field<Short> PRODUCER_EPOCH =
            int16("producer_epoch").versions(5).defaultsTo((short) -1).ignorable();

        public static final StructSchema SCHEMA = StructSchema.of("EndTxnResponse",
            THROTTLE_TIME_MS, ERROR_CODE, PRODUCER_ID, PRODUCER_EPOCH);
    }

    public static final ApiDefinition DEFINITION = new ApiDefinition(ApiKeys.END_TXN, Request.SCHEMA, Response.SCHEMA);
}
