package io.strand.common.message;

import static io.strand.common.protocol.types.Field.array;
import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
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

/**
 * ConsumerGroupHeartbeat (key 68): a member of a KIP-848 consumer group joins, heartbeats and leaves; the
 * coordinator answers with its assignment. Nulls mean "unchanged since the last heartbeat".
 */
public final class ConsumerGroupHeartbeat {
    private ConsumerGroupHeartbeat() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class TopicPartitions {
            private TopicPartitions() {
            }

            public static final Field<Uuid> TOPIC_ID = uuid("topic_id");
            public static final Field<List<Integer>> PARTITIONS = array("partitions", Types.INT32);

            public static final StructSchema SCHEMA = StructSchema.of("TopicPartitions", TOPIC_ID, PARTITIONS);
        }

        public static final Field<String> GROUP_ID = string("group_id");
        public static final Field<String> MEMBER_ID = string("member_id");
        public static final Field<Integer> MEMBER_EPOCH = int32("member_epoch");
        public static final Field<String> INSTANCE_ID = string("instance_id").nullable().defaultsTo(null);
        public static final Field<String> RACK_ID = string("rack_id").nullable().defaultsTo(null);
        public static final Field<Integer> REBALANCE_TIMEOUT_MS = int32("rebalance_timeout_ms").defaultsTo(-1);
        public static final Field<List<String>> SUBSCRIBED_TOPIC_NAMES =
            array("subscribed_topic_names", Types.STRING).nullable().defaultsTo(null);
        public static final Field<String> SUBSCRIBED_TOPIC_REGEX =
            string("subscribed_topic_regex").versions(1).nullable(1).defaultsTo(null);
        public static final Field<String> SERVER_ASSIGNOR = string("server_assignor").nullable().defaultsTo(null);
        public static final Field<List<Struct>> TOPIC_PARTITIONS =
            structs("topic_partitions", TopicPartitions.SCHEMA).nullable().defaultsTo(null);

        public static final StructSchema SCHEMA = StructSchema.of("ConsumerGroupHeartbeatRequest",
            GROUP_ID, MEMBER_ID, MEMBER_EPOCH, INSTANCE_ID, RACK_ID, REBALANCE_TIMEOUT_MS, SUBSCRIBED_TOPIC_NAMES,
            SUBSCRIBED_TOPIC_REGEX, SERVER_ASSIGNOR, TOPIC_PARTITIONS);
    }

    public static final class Response {
        private Response() {
        }

        public static final class TopicPartitions {
            private TopicPartitions() {
            }

            public static final Field<Uuid> TOPIC_ID = uuid("topic_id");
            public static final Field<List<Integer>> PARTITIONS = array("partitions", Types.INT32);

            public static final StructSchema SCHEMA = StructSchema.of("TopicPartitions", TOPIC_ID, PARTITIONS);
        }

        public static final class Assignment {
            private Assignment() {
            }

            public static final Field<List<Struct>> TOPIC_PARTITIONS =
                structs("topic_partitions", TopicPartitions.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("Assignment", TOPIC_PARTITIONS);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms");
        public static final Field<Short> ERROR_CODE = int16("error_code");
        public static final Field<String> ERROR_MESSAGE = string("error_message").nullable().defaultsTo(null);
        public static final Field<String> MEMBER_ID = string("member_id").nullable().defaultsTo(null);
        public static final Field<Integer> MEMBER_EPOCH = int32("member_epoch");
        public static final Field<Integer> HEARTBEAT_INTERVAL_MS = int32("heartbeat_interval_ms");
        public static final Field<Struct> ASSIGNMENT =
            struct("assignment", Assignment.SCHEMA).nullable().defaultsTo(null);

        public static final StructSchema SCHEMA = StructSchema.of("ConsumerGroupHeartbeatResponse",
            THROTTLE_TIME_MS, ERROR_CODE, ERROR_MESSAGE, MEMBER_ID, MEMBER_EPOCH, HEARTBEAT_INTERVAL_MS, ASSIGNMENT);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.CONSUMER_GROUP_HEARTBEAT, Request.SCHEMA, Response.SCHEMA);
}
