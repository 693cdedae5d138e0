package io.strand.common.message;

import static io.strand.common.protocol.types.Field.array;
import static io.strand.common.protocol.types.Field.bool;
import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.int8;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.struct;
import static io.strand.common.protocol.types.Field.structs;
import static io.strand.common.protocol.types.Field.uuid;

import io.strand.common.Uuid;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Types;
import java.util.List;

/** ConsumerGroupDescribe (key 69): the state, members and assignments of KIP-848 consumer groups. */
public final class ConsumerGroupDescribe {
    private ConsumerGroupDescribe() {
    }

    public static final class Request {
        private Request() {
        }

        public static final Field<List<String>> GROUP_IDS = array("group_ids", Types.STRING);
        public static final Field<Boolean> INCLUDE_AUTHORIZED_OPERATIONS = bool("include_authorized_operations");

        public static final StructSchema SCHEMA = StructSchema.of("ConsumerGroupDescribeRequest",
            GROUP_IDS, INCLUDE_AUTHORIZED_OPERATIONS);
    }

    public static final class Response {
        private Response() {
        }

        public static final class TopicPartitions {
            private TopicPartitions() {
            }

            public static final Field<Uuid> TOPIC_ID = uuid("topic_id");
            public static final Field<String> TOPIC_NAME = string("topic_name");
            public static final Field<List<Integer>> PARTITIONS = array("partitions", Types.INT32);

            public static final StructSchema SCHEMA = StructSchema.of("TopicPartitions",
                TOPIC_ID, TOPIC_NAME, PARTITIONS);
        }

        /** Shared by a member's current and target assignment. */
        public static final class Assignment {
            private Assignment() {
            }

            public static final Field<List<Struct>> TOPIC_PARTITIONS =
                structs("topic_partitions", TopicPartitions.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("Assignment", TOPIC_PARTITIONS);
        }

        public static final class Member {
            private Member() {
            }

            public static final Field<String> MEMBER_ID = string("member_id");
            public static final Field<String> INSTANCE_ID = string("instance_id").nullable().defaultsTo(null);
            public static final Field<String> RACK_ID = string("rack_id").nullable().defaultsTo(null);
            public static final Field<Integer> MEMBER_EPOCH = int32("member_epoch");
            public static final Field<String> CLIENT_ID = string("client_id");
            public static final Field<String> CLIENT_HOST = string("client_host");
            public static final Field<List<String>> SUBSCRIBED_TOPIC_NAMES =
                array("subscribed_topic_names", Types.STRING);
            public static final Field<String> SUBSCRIBED_TOPIC_REGEX =
                string("subscribed_topic_regex").nullable().defaultsTo(null);
            public static final Field<Struct> ASSIGNMENT = struct("assignment", Assignment.SCHEMA);
            public static final Field<Struct> TARGET_ASSIGNMENT = struct("target_assignment", Assignment.SCHEMA);
            // Tells members that joined through the classic protocol apart; -1 (unknown) to older clients.
            public static final Field<Byte> MEMBER_TYPE =
                int8("member_type").versions(1).defaultsTo((byte) -1).ignorable();

            public static final StructSchema SCHEMA = StructSchema.of("Member",
                MEMBER_ID, INSTANCE_ID, RACK_ID, MEMBER_EPOCH, CLIENT_ID, CLIENT_HOST, SUBSCRIBED_TOPIC_NAMES,
                SUBSCRIBED_TOPIC_REGEX, ASSIGNMENT, TARGET_ASSIGNMENT, MEMBER_TYPE);
        }

        public static final class DescribedGroup {
            private DescribedGroup() {
            }

            public static final Field<Short> ERROR_CODE = int16("error_code");
            public static final Field<String> ERROR_MESSAGE = string("error_message").nullable().defaultsTo(null);
            public static final Field<String> GROUP_ID = string("group_id");
            public static final Field<String> GROUP_STATE = string("group_state");
            public static final Field<Integer> GROUP_EPOCH = int32("group_epoch");
            public static final Field<Integer> ASSIGNMENT_EPOCH = int32("assignment_epoch");
            public static final Field<String> ASSIGNOR_NAME = string("assignor_name");
            public static final Field<List<Struct>> MEMBERS = structs("members", Member.SCHEMA);
            public static final Field<Integer> AUTHORIZED_OPERATIONS =
                int32("authorized_operations").defaultsTo(Integer.MIN_VALUE);

            public static final StructSchema SCHEMA = StructSchema.of("DescribedGroup",
                ERROR_CODE, ERROR_MESSAGE, GROUP_ID, GROUP_STATE, GROUP_EPOCH, ASSIGNMENT_EPOCH, ASSIGNOR_NAME, MEMBERS,
                AUTHORIZED_OPERATIONS);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms");
        public static final Field<List<Struct>> GROUPS = structs("groups", DescribedGroup.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("ConsumerGroupDescribeResponse",
            THROTTLE_TIME_MS, GROUPS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.CONSUMER_GROUP_DESCRIBE, Request.SCHEMA, Response.SCHEMA);
}
