package io.strand.common.message;

import static io.strand.common.protocol.types.Field.bool;
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

/** JoinGroup (key 11): a member joins a classic group; the leader gets every member's metadata. */
public final class JoinGroup {
    private JoinGroup() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class Protocol {
            private Protocol() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<byte[]> METADATA = bytes("metadata");

            public static final StructSchema SCHEMA = StructSchema.of("JoinGroupRequestProtocol", NAME, METADATA);
        }

        public static final Field<String> GROUP_ID = string("group_id");
        public static final Field<Integer> SESSION_TIMEOUT_MS = int32("session_timeout_ms");
        public static final Field<Integer> REBALANCE_TIMEOUT_MS =
            int32("rebalance_timeout_ms").versions(1).defaultsTo(-1).ignorable();
        public static final Field<String> MEMBER_ID = string("member_id");
        public static final Field<String> GROUP_INSTANCE_ID =
            string("group_instance_id").versions(5).nullable().defaultsTo(null);
        public static final Field<String> PROTOCOL_TYPE = string("protocol_type");
        public static final Field<List<Struct>> PROTOCOLS = structs("protocols", Protocol.SCHEMA);
        public static final Field<String> REASON = string("reason").versions(8).nullable().defaultsTo(null).ignorable();

        public static final StructSchema SCHEMA = StructSchema.of("JoinGroupRequest",
            GROUP_ID, SESSION_TIMEOUT_MS, REBALANCE_TIMEOUT_MS, MEMBER_ID, GROUP_INSTANCE_ID, PROTOCOL_TYPE,
            PROTOCOLS, REASON);
    }

    public static final class Response {
        private Response() {
        }

        public static final class Member {
            private Member() {
            }

            public static final Field<String> MEMBER_ID = string("member_id");
            public static final Field<String> GROUP_INSTANCE_ID =
                string("group_instance_id").versions(5).nullable().defaultsTo(null).ignorable();
            public static final Field<byte[]> METADATA = bytes("metadata");

            public static final StructSchema SCHEMA = StructSchema.of("JoinGroupResponseMember",
                MEMBER_ID, GROUP_INSTANCE_ID, METADATA);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").versions(2).ignorable();
        public static final Field<Short> ERROR_CODE = int16("error_code");
        public static final Field<Integer> GENERATION_ID = int32("generation_id").defaultsTo(-1);
        public static final Field<String> PROTOCOL_TYPE =
            string("protocol_type").versions(7).nullable().defaultsTo(null).ignorable();
        // Became nullable in v7, with protocol_type, so an error response need not name a protocol.
        public static final Field<String> PROTOCOL_NAME = string("protocol_name").nullable(7);
        public static final Field<String> LEADER = string("leader");
        public static final Field<Boolean> SKIP_ASSIGNMENT = bool("skip_assignment").versions(9);
        public static final Field<String> MEMBER_ID = string("member_id");
        public static final Field<List<Struct>> MEMBERS = structs("members", Member.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("JoinGroupResponse",
            THROTTLE_TIME_MS, ERROR_CODE, GENERATION_ID, PROTOCOL_TYPE, PROTOCOL_NAME, LEADER, SKIP_ASSIGNMENT,
            MEMBER_ID, MEMBERS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.JOIN_GROUP, Request.SCHEMA, Response.SCHEMA);
}
