package io.strand.common.message;

import static io.strand.common.protocol.types.Field.array;
import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.int8;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.structs;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Types;
import java.util.List;

/** FindCoordinator (key 10): locates the broker coordinating a group or transaction; batched from v4. */
public final class FindCoordinator {
    private FindCoordinator() {
    }

    public static final class Request {
        private Request() {
        }

        public static final Field<String> KEY = string("key").versions(0, 3);
        // 0 = group, 1 = transaction, 2 = share group.
        public static final Field<Byte> KEY_TYPE = int8("key_type").versions(1);
        public static final Field<List<String>> COORDINATOR_KEYS =
            array("coordinator_keys", Types.STRING).versions(4);

        public static final StructSchema SCHEMA = StructSchema.of("FindCoordinatorRequest",
            KEY, KEY_TYPE, COORDINATOR_KEYS);
    }

    public static final class Response {
        private Response() {
        }

        public static final class Coordinator {
            private Coordinator() {
            }

            public static final Field<String> KEY = string("key");
            public static final Field<Integer> NODE_ID = int32("node_id");
            public static final Field<String> HOST = string("host");
            public static final Field<Integer> PORT = int32("port");
            public static final Field<Short> ERROR_CODE = int16("error_code");
            public static final Field<String> ERROR_MESSAGE = string("error_message").nullable();

            public static final StructSchema SCHEMA = StructSchema.of("Coordinator",
                KEY, NODE_ID, HOST, PORT, ERROR_CODE, ERROR_MESSAGE);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").versions(1).ignorable();
        public static final Field<List<Struct>> COORDINATORS = structs("coordinators", Coordinator.SCHEMA).versions(4);
        public static final Field<Short> ERROR_CODE = int16("error_code").versions(0, 3);
        public static final Field<String> ERROR_MESSAGE =
            string("error_message").versions(1, 3).nullable().ignorable();
        public static final Field<Integer> NODE_ID = int32("node_id").versions(0, 3);
        public static final Field<String> HOST = string("host").versions(0, 3);
        public static final Field<Integer> PORT = int32("port").versions(0, 3);

        public static final StructSchema SCHEMA = StructSchema.of("FindCoordinatorResponse",
            THROTTLE_TIME_MS, COORDINATORS, ERROR_CODE, ERROR_MESSAGE, NODE_ID, HOST, PORT);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.FIND_COORDINATOR, Request.SCHEMA, Response.SCHEMA);
}
