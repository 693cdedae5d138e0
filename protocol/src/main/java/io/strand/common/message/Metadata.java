package io.strand.common.message;

import static io.strand.common.protocol.types.Field.array;
import static io.strand.common.protocol.types.Field.bool;
import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.structs;
import static io.strand.common.protocol.types.Field.uuid;

import io.strand.common.Uuid;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Types;
import java.util.List;

/** Metadata (key 3): the brokers of the cluster and the leaders and replicas of topic partitions. */
public final class Metadata {
    private Metadata() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class Topic {
            private Topic() {
            }

            public static final Field<Uuid> TOPIC_ID = uuid("topic_id").versions(10).ignorable();
            // Null from v10 when the topic is named by id only.
            public static final Field<String> NAME = string("name").nullable(10);

            public static final StructSchema SCHEMA = StructSchema.of("MetadataRequestTopic", TOPIC_ID, NAME);
        }

        // Null from v1 asks for every topic; v0 uses an empty array for that.
        public static final Field<List<Struct>> TOPICS = structs("topics", Topic.SCHEMA).nullable(1);
        public static final Field<Boolean> ALLOW_AUTO_TOPIC_CREATION =
            bool("allow_auto_topic_creation").versions(4).defaultsTo(true);
        // Moved to DescribeCluster after v10.
        public static final Field<Boolean> INCLUDE_CLUSTER_AUTHORIZED_OPERATIONS =
            bool("include_cluster_authorized_operations").versions(8, 10);
        public static final Field<Boolean> INCLUDE_TOPIC_AUTHORIZED_OPERATIONS =
            bool("include_topic_authorized_operations").versions(8);

        public static final StructSchema SCHEMA = StructSchema.of("MetadataRequest",
            TOPICS, ALLOW_AUTO_TOPIC_CREATION,
            INCLUDE_CLUSTER_AUTHORIZED_OPERATIONS, INCLUDE_TOPIC_AUTHORIZED_OPERATIONS);
    }

    public static final class Response {
        private Response() {
        }

        public static final class Broker {
            private Broker() {
            }

            public static final Field<Integer> NODE_ID = int32("node_id");
            public static final Field<String> HOST = string("host");
            public static final Field<Integer> PORT = int32("port");
            public static final Field<String> RACK = string("rack").versions(1).nullable().defaultsTo(null).ignorable();

            public static final StructSchema SCHEMA = StructSchema.of("MetadataResponseBroker",
                NODE_ID, HOST, PORT, RACK);
        }

        public static final class Partition {
            private Partition() {
            }

            public static final Field<Short> ERROR_CODE = int16("error_code");
            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");
            public static final Field<Integer> LEADER_ID = int32("leader_id");
            public static final Field<Integer> LEADER_EPOCH =
                int32("leader_epoch").versions(7).defaultsTo(-1).ignorable();
            public static final Field<List<Integer>> REPLICA_NODES = array("replica_nodes", Types.INT32);
            public static final Field<List<Integer>> ISR_NODES = array("isr_nodes", Types.INT32);
            public static final Field<List<Integer>> OFFLINE_REPLICAS =
                array("offline_replicas", Types.INT32).versions(5).ignorable();

            public static final StructSchema SCHEMA = StructSchema.of("MetadataResponsePartition",
                ERROR_CODE, PARTITION_INDEX, LEADER_ID, LEADER_EPOCH, REPLICA_NODES, ISR_NODES, OFFLINE_REPLICAS);
        }

        public static final class Topic {
            private Topic() {
            }

            public static final Field<Short> ERROR_CODE = int16("error_code");
            // Null from v12 when the request named the topic by an id the broker does not know.
            public static final Field<String> NAME = string("name").nullable(12);
            public static final Field<Uuid> TOPIC_ID = uuid("topic_id").versions(10).ignorable();
            public static final Field<Boolean> IS_INTERNAL = bool("is_internal").versions(1).ignorable();
            public static final Field<List<Struct>> PARTITIONS = structs("partitions", Partition.SCHEMA);
            // MIN_VALUE: not requested (include_topic_authorized_operations unset).
            public static final Field<Integer> TOPIC_AUTHORIZED_OPERATIONS =
                int32("topic_authorized_operations").versions(8).defaultsTo(Integer.MIN_VALUE);

            public static final StructSchema SCHEMA = StructSchema.of("MetadataResponseTopic",
                ERROR_CODE, NAME, TOPIC_ID, IS_INTERNAL, PARTITIONS, TOPIC_AUTHORIZED_OPERATIONS);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").versions(3).ignorable();
        public static final Field<List<Struct>> BROKERS = structs("brokers", Broker.SCHEMA);
        public static final Field<String> CLUSTER_ID =
            string("cluster_id").versions(2).nullable().defaultsTo(null).ignorable();
        public static final Field<Integer> CONTROLLER_ID =
            int32("controller_id").versions(1).defaultsTo(-1).ignorable();
        public static final Field<List<Struct>> TOPICS = structs("topics", Topic.SCHEMA);
        // Moved to DescribeCluster after v10.
        public static final Field<Integer> CLUSTER_AUTHORIZED_OPERATIONS =
            int32("cluster_authorized_operations").versions(8, 10).defaultsTo(Integer.MIN_VALUE);
        public static final Field<Short> ERROR_CODE = int16("error_code").versions(13).ignorable();

        public static final StructSchema SCHEMA = StructSchema.of("MetadataResponse",
            THROTTLE_TIME_MS, BROKERS, CLUSTER_ID, CONTROLLER_ID, TOPICS, CLUSTER_AUTHORIZED_OPERATIONS, ERROR_CODE);
    }

    public static final ApiDefinition DEFINITION = new ApiDefinition(ApiKeys.METADATA, Request.SCHEMA, Response.SCHEMA);
}
