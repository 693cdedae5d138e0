package io.strand.common.message;

import static io.strand.common.protocol.types.Field.array;
import static io.strand.common.protocol.types.Field.bool;
import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.int64;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.structs;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Types;
import java.util.List;

/**
 * AddPartitionsToTxn (key 24): a producer enlists partitions in its transaction. From v4 brokers batch many
 * transactions in one request (and may only verify), so the v0-3 top-level fields give way to a list.
 */
public final class AddPartitionsToTxn {
    private AddPartitionsToTxn() {
    }

    public static final class Request {
        private Request() {
        }

        /** Shared by the v4+ per-transaction list and the v0-3 top level. */
        public static final class Topic {
            private Topic() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<List<Integer>> PARTITIONS = array("partitions", Types.INT32);

            public static final StructSchema SCHEMA = StructSchema.of("AddPartitionsToTxnTopic", NAME, PARTITIONS);
        }

        public static final class Transaction {
            private Transaction() {
            }

            public static final Field<String> TRANSACTIONAL_ID = string("transactional_id");
            public static final Field<Long> PRODUCER_ID = int64("producer_id");
            public static final Field<Short> PRODUCER_EPOCH = int16("producer_epoch");
            public static final Field<Boolean> VERIFY_ONLY = bool("verify_only");
            public static final Field<List<Struct>> TOPICS = structs("topics", Topic.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("AddPartitionsToTxnTransaction",
                TRANSACTIONAL_ID, PRODUCER_ID, PRODUCER_EPOCH, VERIFY_ONLY, TOPICS);
        }

        public static final Field<List<Struct>> TRANSACTIONS = structs("transactions", Transaction.SCHEMA).versions(4);
        public static final Field<String> V3_AND_BELOW_TRANSACTIONAL_ID =
            string("v3_and_below_transactional_id").versions(0, 3);
        public static final Field<Long> V3_AND_BELOW_PRODUCER_ID = int64("v3_and_below_producer_id").versions(0, 3);
        public static final Field<Short> V3_AND_BELOW_PRODUCER_EPOCH =
            int16("v3_and_below_producer_epoch").versions(0, 3);
        public static final Field<List<Struct>> V3_AND_BELOW_TOPICS =
            structs("v3_and_below_topics", Topic.SCHEMA).versions(0, 3);

        public static final StructSchema SCHEMA = StructSchema.of("AddPartitionsToTxnRequest",
            TRANSACTIONS, V3_AND_BELOW_TRANSACTIONAL_ID, V3_AND_BELOW_PRODUCER_ID, V3_AND_BELOW_PRODUCER_EPOCH,
            V3_AND_BELOW_TOPICS);
    }

    public static final class Response {
        private Response() {
        }

        public static final class PartitionResult {
            private PartitionResult() {
            }

            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");
            public static final Field<Short> PARTITION_ERROR_CODE = int16("partition_error_code");

            public static final StructSchema SCHEMA = StructSchema.of("AddPartitionsToTxnPartitionResult",
                PARTITION_INDEX, PARTITION_ERROR_CODE);
        }

        /** Shared by the v4+ per-transaction results and the v0-3 top level. */
        public static final class TopicResult {
            private TopicResult() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<List<Struct>> RESULTS_BY_PARTITION =
                structs("results_by_partition", PartitionResult.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("AddPartitionsToTxnTopicResult",
                NAME, RESULTS_BY_PARTITION);
        }

        public static final class Result {
            private Result() {
            }

            public static final Field<String> TRANSACTIONAL_ID = string("transactional_id");
            public static final Field<List<Struct>> TOPIC_RESULTS = structs("topic_results", TopicResult.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("AddPartitionsToTxnResult",
                TRANSACTIONAL_ID, TOPIC_RESULTS);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms");
        // A request-wide error for batched requests; older clients read per-partition codes instead.
        public static final Field<Short> ERROR_CODE = int16("error_code").versions(4).ignorable();
        public static final Field<List<Struct>> RESULTS_BY_TRANSACTION =
            structs("results_by_transaction", Result.SCHEMA).versions(4);
        public static final Field<List<Struct>> RESULTS_BY_TOPIC_V3_AND_BELOW =
            structs("results_by_topic_v3_and_below", TopicResult.SCHEMA).versions(0, 3);

        public static final StructSchema SCHEMA = StructSchema.of("AddPartitionsToTxnResponse",
            THROTTLE_TIME_MS, ERROR_CODE, RESULTS_BY_TRANSACTION, RESULTS_BY_TOPIC_V3_AND_BELOW);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.ADD_PARTITIONS_TO_TXN, Request.SCHEMA, Response.SCHEMA);
}
