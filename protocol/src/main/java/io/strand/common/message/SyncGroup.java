package io.strand.common.message;

import static io.strand.common.protocol.types.Field.bytes;
import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.structs;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import java.util.List;

/** SyncGroup (key 14): the leader hands out assignments; every member receives its own. */
public final class SyncGroup {
    private SyncGroup() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class Assignment {
            private Assignment() {
            }

            public static final Field<String> MEMBER_ID = string("member_id");
            public static final Field<byte[]> ASSIGNMENT = bytes("assignment");

            public static final StructSchema SCHEMA = StructSchema.of("SyncGroupRequestAssignment",
                MEMBER_ID, ASSIGNMENT);
        }

        public static final Field<String> GROUP_ID = string("group_id");
        public static final Field<Integer> GENERATION_ID = int32("generation_id");
        public static final Field<String> MEMBER_ID = string("member_id");
        public static final Field<String> GROUP_INSTANCE_ID =
            string("group_instance_id").versions(3).nullable().defaultsTo(null);
        public static final Field<String> PROTOCOL_TYPE =
            string("protocol_type").versions(5).nullable().defaultsTo(null).ignorable();
        public static final Field<String> PROTOCOL_NAME =
            string("protocol_name").versions(5).nullable().defaultsTo(null).ignorable();
        // Empty for every member but the leader.
        public static final Field<List<Struct>> ASSIGNMENTS = structs("assignments", Assignment.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("SyncGroupRequest",
            GROUP_ID, GENERATION_ID, MEMBER_ID, GROUP_INSTANCE_ID, PROTOCOL_TYPE, PROTOCOL_NAME, ASSIGNMENTS);
    }

    public static final class Response {
        private Response() {
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").versions(1).ignorable();
        public static final Field<Short> ERROR_CODE = int16("error_code");
        public static final Field<String> PROTOCOL_TYPE =
            string("protocol_type").versions(5).nullable().defaultsTo(null).ignorable();
        public static final Field<String> PROTOCOL_NAME =
            string("protocol_name").versions(5).nullable().defaultsTo(null).ignorable();
        public static final Field<byte[]> ASSIGNMENT = bytes("assignment");

        public static final StructSchema SCHEMA = StructSchema.of("SyncGroupResponse",
            THROTTLE_TIME_MS, ERROR_CODE, PROTOCOL_TYPE, PROTOCOL_NAME, ASSIGNMENT);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.SYNC_GROUP, Request.SCHEMA, Response.SCHEMA);
}
