package io.strand.common.message;

import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.int64;
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
import java.util.List;

/** Produce (key 0): record batches for a set of partitions. Topics go by id from v13. */
public final class Produce {
    private Produce() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class PartitionData {
            private PartitionData() {
            }

            public static final Field<Integer> INDEX = int32("index");
            public static final Field<ByteBuf> RECORDS = records("records").nullable();

            public static final StructSchema SCHEMA = StructSchema.of("PartitionProduceData", INDEX, RECORDS);
        }

        public static final class TopicData {
            private TopicData() {
            }

            public static final Field<String> NAME = string("name").versions(0, 12);
            public static final Field<Uuid> TOPIC_ID = uuid("topic_id").versions(13);
            public static final Field<List<Struct>> PARTITION_DATA = structs("partition_data", PartitionData.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("TopicProduceData", NAME, TOPIC_ID, PARTITION_DATA);
        }

        public static final Field<String> TRANSACTIONAL_ID = string("transactional_id").nullable().defaultsTo(null);
        public static final Field<Short> ACKS = int16("acks");
        public static final Field<Integer> TIMEOUT_MS = int32("timeout_ms");
        public static final Field<List<Struct>> TOPIC_DATA = structs("topic_data", TopicData.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("ProduceRequest",
            TRANSACTIONAL_ID, ACKS, TIMEOUT_MS, TOPIC_DATA);
    }

    public static final class Response {
        private Response() {
        }

        public static final class BatchIndexAndErrorMessage {
            private BatchIndexAndErrorMessage() {
            }

            public static final Field<Integer> BATCH_INDEX = int32("batch_index");
            public static final Field<String> BATCH_INDEX_ERROR_MESSAGE =
                string("batch_index_error_message").nullable().defaultsTo(null);

            public static final StructSchema SCHEMA = StructSchema.of("BatchIndexAndErrorMessage",
                BATCH_INDEX, BATCH_INDEX_ERROR_MESSAGE);
        }

        public static final class LeaderIdAndEpoch {
            private LeaderIdAndEpoch() {
            }

            public static final Field<Integer> LEADER_ID = int32("leader_id").defaultsTo(-1);
            public static final Field<Integer> LEADER_EPOCH = int32("leader_epoch").defaultsTo(-1);

            public static final StructSchema SCHEMA = StructSchema.of("LeaderIdAndEpoch", LEADER_ID, LEADER_EPOCH);
        }

        public static final class PartitionResponse {
            private PartitionResponse() {
            }

            public static final Field<Integer> INDEX = int32("index");
            public static final Field<Short> ERROR_CODE = int16("error_code");
            public static final Field<Long> BASE_OFFSET = int64("base_offset");
            public static final Field<Long> LOG_APPEND_TIME_MS = int64("log_append_time_ms").defaultsTo(-1L);
            public static final Field<Long> LOG_START_OFFSET = int64("log_start_offset").versions(5).defaultsTo(-1L);
            public static final Field<List<Struct>> RECORD_ERRORS =
                structs("record_errors", BatchIndexAndErrorMessage.SCHEMA).versions(8).ignorable();
            public static final Field<String> ERROR_MESSAGE =
                string("error_message").versions(8).nullable().defaultsTo(null).ignorable();
            public static final Field<Struct> CURRENT_LEADER =
                struct("current_leader", LeaderIdAndEpoch.SCHEMA).versions(10).tagged(0);

            public static final StructSchema SCHEMA = StructSchema.of("PartitionProduceResponse",
                INDEX, ERROR_CODE, BASE_OFFSET, LOG_APPEND_TIME_MS, LOG_START_OFFSET, RECORD_ERRORS, ERROR_MESSAGE,
                CURRENT_LEADER);
        }

        public static final class TopicResponse {
            private TopicResponse() {
            }

            public static final Field<String> NAME = string("name").versions(0, 12);
            public static final Field<Uuid> TOPIC_ID = uuid("topic_id").versions(13);
            public static final Field<List<Struct>> PARTITION_RESPONSES =
                structs("partition_responses", PartitionResponse.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("TopicProduceResponse",
                NAME, TOPIC_ID, PARTITION_RESPONSES);
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

        public static final Field<List<Struct>> RESPONSES = structs("responses", TopicResponse.SCHEMA);
        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").ignorable();
        public static final Field<List<Struct>> NODE_ENDPOINTS =
            structs("node_endpoints", NodeEndpoint.SCHEMA).versions(10).tagged(0);

        public static final StructSchema SCHEMA = StructSchema.of("ProduceResponse",
            RESPONSES, THROTTLE_TIME_MS, NODE_ENDPOINTS);
    }

    public static final ApiDefinition DEFINITION = new ApiDefinition(ApiKeys.PRODUCE, Request.SCHEMA, Response.SCHEMA);
}
