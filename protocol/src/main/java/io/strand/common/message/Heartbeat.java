package io.strand.common.message;

import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.string;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.StructSchema;

/** Heartbeat (key 12): a classic group member stays alive and learns of a pending rebalance. */
public final class Heartbeat {
    private Heartbeat() {
    }

    public static final class Request {
        private Request() {
        }

        public static final Field<String> GROUP_ID = string("group_id");
        public static final Field<Integer> GENERATION_ID = int32("generation_id");
        public static final Field<String> MEMBER_ID = string("member_id");
        public static final Field<String> GROUP_INSTANCE_ID =
            string("group_instance_id").versions(3).nullable().defaultsTo(null);

        public static final StructSchema SCHEMA = StructSchema.of("HeartbeatRequest",
            GROUP_ID, GENERATION_ID, MEMBER_ID, GROUP_INSTANCE_ID);
    }

    public static final class Response {
        private Response() {
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").versions(1).ignorable();
        public static final Field<Short> ERROR_CODE = int16("error_code");

        public static final StructSchema SCHEMA = StructSchema.of("HeartbeatResponse", THROTTLE_TIME_MS, ERROR_CODE);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.HEARTBEAT, Request.SCHEMA, Response.SCHEMA);
}
