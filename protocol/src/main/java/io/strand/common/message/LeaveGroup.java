package io.strand.common.message;

import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.structs;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import java.util.List;

/** LeaveGroup (key 13): members leave a classic group; from v3 one request removes several. */
public final class LeaveGroup {
    private LeaveGroup() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class MemberIdentity {
            private MemberIdentity() {
            }

            public static final Field<String> MEMBER_ID = string("member_id");
            public static final Field<String> GROUP_INSTANCE_ID =
                string("group_instance_id").nullable().defaultsTo(null);
            public static final Field<String> REASON =
                string("reason").versions(5).nullable().defaultsTo(null).ignorable();

            public static final StructSchema SCHEMA = StructSchema.of("MemberIdentity",
                MEMBER_ID, GROUP_INSTANCE_ID, REASON);
        }

        public static final Field<String> GROUP_ID = string("group_id");
        public static final Field<List<Struct>> MEMBERS = structs("members", MemberIdentity.SCHEMA).versions(3);
        public static final Field<String> MEMBER_ID = string("member_id").versions(0, 2);

        public static final StructSchema SCHEMA = StructSchema.of("LeaveGroupRequest", GROUP_ID, MEMBERS, MEMBER_ID);
    }

    public static final class Response {
        private Response() {
        }

        public static final class MemberResponse {
            private MemberResponse() {
            }

            public static final Field<String> MEMBER_ID = string("member_id");
            public static final Field<String> GROUP_INSTANCE_ID = string("group_instance_id").nullable();
            public static final Field<Short> ERROR_CODE = int16("error_code");

            public static final StructSchema SCHEMA = StructSchema.of("MemberResponse",
                MEMBER_ID, GROUP_INSTANCE_ID, ERROR_CODE);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").versions(1).ignorable();
        public static final Field<Short> ERROR_CODE = int16("error_code");
        public static final Field<List<Struct>> MEMBERS = structs("members", MemberResponse.SCHEMA).versions(3);

        public static final StructSchema SCHEMA = StructSchema.of("LeaveGroupResponse",
            THROTTLE_TIME_MS, ERROR_CODE, MEMBERS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.LEAVE_GROUP, Request.SCHEMA, Response.SCHEMA);
}
