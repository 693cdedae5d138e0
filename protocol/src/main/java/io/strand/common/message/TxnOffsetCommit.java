package io.strand.common.message;

import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.int64;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.structs;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import java.util.List;

/**
 * TxnOffsetCommit (key 28): a transactional producer commits consumer offsets, visible once the transaction
 * commits. From v3 it carries the group membership so the coordinator can fence zombie members.
 */
public final class TxnOffsetCommit {
    private TxnOffsetCommit() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class Partition {
            private Partition() {
            }

            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");
            public static final Field<Long> COMMITTED_OFFSET = int64("committed_offset");
            public static final Field<Integer> COMMITTED_LEADER_EPOCH =
                int32("committed_leader_epoch").versions(2).defaultsTo(-1).ignorable();
            public static final Field<String> COMMITTED_METADATA = string("committed_metadata").nullable();

            public static final StructSchema SCHEMA = StructSchema.of("TxnOffsetCommitRequestPartition",
                PARTITION_INDEX, COMMITTED_OFFSET, COMMITTED_LEADER_EPOCH, COMMITTED_METADATA);
        }

        public static final class Topic {
            private Topic() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<List<Struct>> PARTITIONS = structs("partitions", Partition.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("TxnOffsetCommitRequestTopic", NAME, PARTITIONS);
        }

        public static final Field<String> TRANSACTIONAL_ID = string("transactional_id");
        public static final Field<String> GROUP_ID = string("group_id");
        public static final Field<Long> PRODUCER_ID = int64("producer_id");
        public static final Field<Short> PRODUCER_EPOCH = int16("producer_epoch");
        public static final Field<Integer> GENERATION_ID = int32("generation_id").versions(3).defaultsTo(-1);
        public static final Field<String> MEMBER_ID = string("member_id").versions(3);
        public static final Field<String> GROUP_INSTANCE_ID =
            string("group_instance_id").versions(3).nullable(3).defaultsTo(null);
        public static final Field<List<Struct>> TOPICS = structs("topics", Topic.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("TxnOffsetCommitRequest",
            TRANSACTIONAL_ID, GROUP_ID, PRODUCER_ID, PRODUCER_EPOCH, GENERATION_ID, MEMBER_ID, GROUP_INSTANCE_ID,
            TOPICS);
    }

    public static final class Response {
        private Response() {
        }

        public static final class Partition {
            private Partition() {
            }

            public static final Field<Integer> PARTITION_INDEX = int32("partition_index");
            public static final Field<Short> ERROR_CODE = int16("error_code");

            public static final StructSchema SCHEMA = StructSchema.of("TxnOffsetCommitResponsePartition",
                PARTITION_INDEX, ERROR_CODE);
        }

        public static final class Topic {
            private Topic() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<List<Struct>> PARTITIONS = structs("partitions", Partition.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("TxnOffsetCommitResponseTopic", NAME, PARTITIONS);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms");
        public static final Field<List<Struct>> TOPICS = structs("topics", Topic.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("TxnOffsetCommitResponse", THROTTLE_TIME_MS, TOPICS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.TXN_OFFSET_COMMIT, Request.SCHEMA, Response.SCHEMA);
}
