package io.strand.common.message;

import static io.strand.common.protocol.types.Field.array;
import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.int64;
import static io.strand.common.protocol.types.Field.int8;
import static io.strand.common.protocol.types.Field.records;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.struct;
import static io.strand.common.protocol.types.Field.structs;
import static io.strand.common.protocol.types.Field.uuid;

import io.netty.buffer.ByteBuf;
import io.strand.common.Uuid;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Types;
import java.util.List;

/** Fetch (key 1): consumers and followers read record batches; sessions from v7, topics by id from v13. */
public final class Fetch {
    private Fetch() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class FetchPartition {
            private FetchPartition() {
            }

            public static final Field<Integer> PARTITION = int32("partition");
            public static final Field<Integer> CURRENT_LEADER_EPOCH =
                int32("current_leader_epoch").versions(9).defaultsTo(-1).ignorable();
            public static final Field<Long> FETCH_OFFSET = int64("fetch_offset");
            public static final Field<Integer> LAST_FETCHED_EPOCH =
                int32("last_fetched_epoch").versions(12).defaultsTo(-1);
            public static final Field<Long> LOG_START_OFFSET =
                int64("log_start_offset").versions(5).defaultsTo(-1L).ignorable();
            public static final Field<Integer> PARTITION_MAX_BYTES = int32("partition_max_bytes");
            public static final Field<Uuid> REPLICA_DIRECTORY_ID =
                uuid("replica_directory_id").versions(17).tagged(0).ignorable();
            public static final Field<Long> HIGH_WATERMARK =
                int64("high_watermark").versions(18).tagged(1).defaultsTo(Long.MAX_VALUE).ignorable();

            public static final StructSchema SCHEMA = StructSchema.of("FetchPartition",
                PARTITION, CURRENT_LEADER_EPOCH, FETCH_OFFSET, LAST_FETCHED_EPOCH, LOG_START_OFFSET,
                PARTITION_MAX_BYTES, REPLICA_DIRECTORY_ID, HIGH_WATERMARK);
        }

        public static final class FetchTopic {
            private FetchTopic() {
            }

            public static final Field<String> TOPIC = string("topic").versions(4, 12).ignorable();
            public static final Field<Uuid> TOPIC_ID = uuid("topic_id").versions(13).ignorable();
            public static final Field<List<Struct>> PARTITIONS = structs("partitions", FetchPartition.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("FetchTopic", TOPIC, TOPIC_ID, PARTITIONS);
        }

        public static final class ForgottenTopic {
            private ForgottenTopic() {
            }

            public static final Field<String> TOPIC = string("topic").versions(7, 12).ignorable();
            public static final Field<Uuid> TOPIC_ID = uuid("topic_id").versions(13).ignorable();
            public static final Field<List<Integer>> PARTITIONS = array("partitions", Types.INT32);

            public static final StructSchema SCHEMA = StructSchema.of("ForgottenTopic", TOPIC, TOPIC_ID, PARTITIONS);
        }

        public static final class ReplicaState {
            private ReplicaState() {
            }

            public static final Field<Integer> REPLICA_ID = int32("replica_id").defaultsTo(-1);
            public static final Field<Long> REPLICA_EPOCH = int64("replica_epoch").defaultsTo(-1L);

            public static final StructSchema SCHEMA = StructSchema.of("ReplicaState", REPLICA_ID, REPLICA_EPOCH);
        }

        // From v15 a follower identifies itself through replica_state instead of replica_id.
        public static final Field<Integer> REPLICA_ID = int32("replica_id").versions(4, 14).defaultsTo(-1);
        public static final Field<Integer> MAX_WAIT_MS = int32("max_wait_ms");
        public static final Field<Integer> MIN_BYTES = int32("min_bytes");
        public static final Field<Integer> MAX_BYTES = int32("max_bytes").defaultsTo(Integer.MAX_VALUE);
        public static final Field<Byte> ISOLATION_LEVEL = int8("isolation_level");
        public static final Field<Integer> SESSION_ID = int32("session_id").versions(7).ignorable();
        public static final Field<Integer> SESSION_EPOCH =
            int32("session_epoch").versions(7).defaultsTo(-1).ignorable();
        public static final Field<List<Struct>> TOPICS = structs("topics", FetchTopic.SCHEMA);
        public static final Field<List<Struct>> FORGOTTEN_TOPICS_DATA =
            structs("forgotten_topics_data", ForgottenTopic.SCHEMA).versions(7);
        public static final Field<String> RACK_ID = string("rack_id").versions(11).ignorable();
        public static final Field<String> CLUSTER_ID =
            string("cluster_id").versions(12).nullable().tagged(0).defaultsTo(null).ignorable();
        public static final Field<Struct> REPLICA_STATE =
            struct("replica_state", ReplicaState.SCHEMA).versions(15).tagged(1);

        public static final StructSchema SCHEMA = StructSchema.of("FetchRequest",
            REPLICA_ID, MAX_WAIT_MS, MIN_BYTES, MAX_BYTES, ISOLATION_LEVEL, SESSION_ID, SESSION_EPOCH, TOPICS,
            FORGOTTEN_TOPICS_DATA, RACK_ID, CLUSTER_ID, REPLICA_STATE);
    }

    public static final class Response {
        private Response() {
        }

        public static final class AbortedTransaction {
            private AbortedTransaction() {
            }

            public static final Field<Long> PRODUCER_ID = int64("producer_id");
            public static final Field<Long> FIRST_OFFSET = int64("first_offset");

            public static final StructSchema SCHEMA = StructSchema.of("AbortedTransaction", PRODUCER_ID, FIRST_OFFSET);
        }

        public static final class EpochEndOffset {
            private EpochEndOffset() {
            }

            public static final Field<Integer> EPOCH = int32("epoch").defaultsTo(-1);
            public static final Field<Long> END_OFFSET = int64("end_offset").defaultsTo(-1L);

            public static final StructSchema SCHEMA = StructSchema.of("EpochEndOffset", EPOCH, END_OFFSET);
        }

        public static final class LeaderIdAndEpoch {
            private LeaderIdAndEpoch() {
            }

            public static final Field<Integer> LEADER_ID = int32("leader_id").defaultsTo(-1);
            public static final Field<Integer> LEADER_EPOCH = int32("leader_epoch").defaultsTo(-1);

            public static final StructSchema SCHEMA = StructSchema.of("LeaderIdAndEpoch", LEADER_ID, LEADER_EPOCH);
        }

        public static final class SnapshotId {
            private SnapshotId() {
            }

            // Note the order: end_offset first, the reverse of EpochEndOffset.
            public static final Field<Long> END_OFFSET = int64("end_offset").defaultsTo(-1L);
            public static final Field<Integer> EPOCH = int32("epoch").defaultsTo(-1);

            public static final StructSchema SCHEMA = StructSchema.of("SnapshotId", END_OFFSET, EPOCH);
        }

        public static final class PartitionData {
            private PartitionData() {
            }

            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");
            public static final Field<Short> ERROR_CODE = int16("error_code");
            public static final Field<Long> HIGH_WATERMARK = int64("high_watermark");
            public static final Field<Long> LAST_STABLE_OFFSET = int64("last_stable_offset").defaultsTo(-1L);
            public static final Field<Long> LOG_START_OFFSET =
                int64("log_start_offset").versions(5).defaultsTo(-1L).ignorable();
            // Null means the broker did not look (read_uncommitted); empty means none were aborted.
            public static final Field<List<Struct>> ABORTED_TRANSACTIONS =
                structs("aborted_transactions", AbortedTransaction.SCHEMA).nullable();
            public static final Field<Integer> PREFERRED_READ_REPLICA =
                int32("preferred_read_replica").versions(11).defaultsTo(-1);
            public static final Field<ByteBuf> RECORDS = records("records").nullable();
            public static final Field<Struct> DIVERGING_EPOCH =
                struct("diverging_epoch", EpochEndOffset.SCHEMA).versions(12).tagged(0);
            public static final Field<Struct> CURRENT_LEADER =
                struct("current_leader", LeaderIdAndEpoch.SCHEMA).versions(12).tagged(1);
            public static final Field<Struct> SNAPSHOT_ID =
                struct("snapshot_id", SnapshotId.SCHEMA).versions(12).tagged(2);

            public static final StructSchema SCHEMA = StructSchema.of("PartitionData",
                PARTITION_INDEX, ERROR_CODE, HIGH_WATERMARK, LAST_STABLE_OFFSET, LOG_START_OFFSET, ABORTED_TRANSACTIONS,
                PREFERRED_READ_REPLICA, RECORDS, DIVERGING_EPOCH, CURRENT_LEADER, SNAPSHOT_ID);
        }

        public static final class FetchableTopicResponse {
            private FetchableTopicResponse() {
            }

            public static final Field<String> TOPIC = string("topic").versions(4, 12).ignorable();
            public static final Field<Uuid> TOPIC_ID = uuid("topic_id").versions(13).ignorable();
            public static final Field<List<Struct>> PARTITIONS = structs("partitions", PartitionData.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("FetchableTopicResponse",
                TOPIC, TOPIC_ID, PARTITIONS);
        }

        public static final class NodeEndpoint {
            private NodeEndpoint() {
            }

            public static final Field<Integer> NODE_ID = int32("node_id");
            public static final Field<String> HOST = string("host");
            public static final Field<Integer> PORT = int32("port");
            public static final Field<String> RACK = string("rack").nullable().defaultsTo(null);

            public static final StructSchema SCHEMA = StructSchema.of("NodeEndpoint", NODE_ID, HOST, PORT, RACK);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").ignorable();
        public static final Field<Short> ERROR_CODE = int16("error_code").versions(7).ignorable();
        public static final Field<Integer> SESSION_ID = int32("session_id").versions(7);
        public static final Field<List<Struct>> RESPONSES = structs("responses", FetchableTopicResponse.SCHEMA);
        public static final Field<List<Struct>> NODE_ENDPOINTS =
            structs("node_endpoints", NodeEndpoint.SCHEMA).versions(16).tagged(0);

        public static final StructSchema SCHEMA = StructSchema.of("FetchResponse",
            THROTTLE_TIME_MS, ERROR_CODE, SESSION_ID, RESPONSES, NODE_ENDPOINTS);
    }

    public static final ApiDefinition DEFINITION = new ApiDefinition(ApiKeys.FETCH, Request.SCHEMA, Response.SCHEMA);
}
