package io.strand.common.message;

import static io.strand.common.protocol.types.Field.array;
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

/** ListGroups (key 16): the groups a broker coordinates, optionally filtered by state and type. */
public final class ListGroups {
    private ListGroups() {
    }

    public static final class Request {
        private Request() {
        }

        // An empty filter lists groups in every state (or of every type).
        public static final Field<List<String>> STATES_FILTER = array("states_filter", Types.STRING).versions(4);
        public static final Field<List<String>> TYPES_FILTER = array("types_filter", Types.STRING).versions(5);

        public static final StructSchema SCHEMA = StructSchema.of("ListGroupsRequest", STATES_FILTER, TYPES_FILTER);
    }

    public static final class Response {
        private Response() {
        }

        public static final class ListedGroup {
            private ListedGroup() {
            }

            public static final Field<String> GROUP_ID = string("group_id");
            public static final Field<String> PROTOCOL_TYPE = string("protocol_type");
            public static final Field<String> GROUP_STATE = string("group_state").versions(4).ignorable();
            public static final Field<String> GROUP_TYPE = string("group_type").versions(5).ignorable();

            public static final StructSchema SCHEMA = StructSchema.of("ListedGroup",
                GROUP_ID, PROTOCOL_TYPE, GROUP_STATE, GROUP_TYPE);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").versions(1).ignorable();
        public static final Field<Short> ERROR_CODE = int16("error_code");
        public static final Field<List<Struct>> GROUPS = structs("groups", ListedGroup.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("ListGroupsResponse",
            THROTTLE_TIME_MS, ERROR_CODE, GROUPS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.LIST_GROUPS, Request.SCHEMA, Response.SCHEMA);
}
