package io.strand.common.message;

import static io.strand.common.protocol.types.Field.array;
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

/** DeleteTopics (key 20): deletes topics, by name up to v5 and by name or id from v6. */
public final class DeleteTopics {
    private DeleteTopics() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class TopicState {
            private TopicState() {
            }

            // Exactly one of the two identifies the topic; the other stays null / zero.
            public static final Field<String> NAME = string("name").nullable().defaultsTo(null);
            public static final Field<Uuid> TOPIC_ID = uuid("topic_id");

            public static final StructSchema SCHEMA = StructSchema.of("DeleteTopicState", NAME, TOPIC_ID);
        }

        public static final Field<List<Struct>> TOPICS = structs("topics", TopicState.SCHEMA).versions(6);
        // Apache drops the name list at v6 instead of refusing it; Strand matches.
        public static final Field<List<String>> TOPIC_NAMES =
            array("topic_names", Types.STRING).versions(1, 5).ignorable();
        public static final Field<Integer> TIMEOUT_MS = int32("timeout_ms");

        public static final StructSchema SCHEMA = StructSchema.of("DeleteTopicsRequest",
            TOPICS, TOPIC_NAMES, TIMEOUT_MS);
    }

    public static final class Response {
        private Response() {
        }

        public static final class TopicResult {
            private TopicResult() {
            }

            // Null from v6 when the request named the topic by an id the broker does not know.
            public static final Field<String> NAME = string("name").nullable(6);
            public static final Field<Uuid> TOPIC_ID = uuid("topic_id").versions(6).ignorable();
            public static final Field<Short> ERROR_CODE = int16("error_code");
            public static final Field<String> ERROR_MESSAGE =
                string("error_message").versions(5).nullable().defaultsTo(null).ignorable();

            public static final StructSchema SCHEMA = StructSchema.of("DeletableTopicResult",
                NAME, TOPIC_ID, ERROR_CODE, ERROR_MESSAGE);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").ignorable();
        public static final Field<List<Struct>> RESPONSES = structs("responses", TopicResult.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("DeleteTopicsResponse", THROTTLE_TIME_MS, RESPONSES);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.DELETE_TOPICS, Request.SCHEMA, Response.SCHEMA);
}
