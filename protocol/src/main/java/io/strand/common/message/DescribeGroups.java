package io.strand.common.message;

import static io.strand.common.protocol.types.Field.array;
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
import io.strand.common.protocol.types.Types;
import java.util.List;

/** DescribeGroups (key 15): state, protocol and members of classic groups. */
public final class DescribeGroups {
    private DescribeGroups() {
    }

    public static final class Request {
        private Request() {
        }

        public static final Field<List<String>> GROUPS = array("groups", Types.STRING);
        public static final Field<Boolean> INCLUDE_AUTHORIZED_OPERATIONS =
            bool("include_authorized_operations").versions(3);

        public static final StructSchema SCHEMA = StructSchema.of("DescribeGroupsRequest",
            GROUPS, INCLUDE_AUTHORIZED_OPERATIONS);
    }

    public static final class Response {
        private Response() {
        }

        public static final class Member {
            private Member() {
            }

            public static final Field<String> MEMBER_ID = string("member_id");
            public static final Field<String> GROUP_INSTANCE_ID =
                string("group_instance_id").versions(4).nullable().defaultsTo(null).ignorable();
            public static final Field<String> CLIENT_ID = string("client_id");
            public static final Field<String> CLIENT_HOST = string("client_host");
            public static final Field<byte[]> MEMBER_METADATA = bytes("member_metadata");
            public static final Field<byte[]> MEMBER_ASSIGNMENT = bytes("member_assignment");

            public static final StructSchema SCHEMA = StructSchema.of("DescribedGroupMember",
                MEMBER_ID, GROUP_INSTANCE_ID, CLIENT_ID, CLIENT_HOST, MEMBER_METADATA, MEMBER_ASSIGNMENT);
        }

        public static final class Group {
            private Group() {
            }

            public static final Field<Short> ERROR_CODE = int16("error_code");
            public static final Field<String> ERROR_MESSAGE =
                string("error_message").versions(6).nullable().defaultsTo(null);
            public static final Field<String> GROUP_ID = string("group_id");
            public static final Field<String> GROUP_STATE = string("group_state");
            public static final Field<String> PROTOCOL_TYPE = string("protocol_type");
            public static final Field<String> PROTOCOL_DATA = string("protocol_data");
            public static final Field<List<Struct>> MEMBERS = structs("members", Member.SCHEMA);
            // A bit field of ACL operations; Integer.MIN_VALUE means "not asked for".
            public static final Field<Integer> AUTHORIZED_OPERATIONS =
                int32("authorized_operations").versions(3).defaultsTo(Integer.MIN_VALUE);

            public static final StructSchema SCHEMA = StructSchema.of("DescribedGroup",
                ERROR_CODE, ERROR_MESSAGE, GROUP_ID, GROUP_STATE, PROTOCOL_TYPE, PROTOCOL_DATA, MEMBERS,
                AUTHORIZED_OPERATIONS);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").versions(1).ignorable();
        public static final Field<List<Struct>> GROUPS = structs("groups", Group.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("DescribeGroupsResponse", THROTTLE_TIME_MS, GROUPS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.DESCRIBE_GROUPS, Request.SCHEMA, Response.SCHEMA);
}
