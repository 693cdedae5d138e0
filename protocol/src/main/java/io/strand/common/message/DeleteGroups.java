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

/** DeleteGroups (key 42): removes empty groups and their committed offsets. */
public final class DeleteGroups {
    private DeleteGroups() {
    }

    public static final class Request {
        private Request() {
        }

        public static final Field<List<String>> GROUPS_NAMES = array("groups_names", Types.STRING);

        public static final StructSchema SCHEMA = StructSchema.of("DeleteGroupsRequest", GROUPS_NAMES);
    }

    public static final class Response {
        private Response() {
        }

        public static final class DeletableGroupResult {
            private DeletableGroupResult() {
            }

            public static final Field<String> GROUP_ID = string("group_id");
            public static final Field<Short> ERROR_CODE = int16("error_code");

            public static final StructSchema SCHEMA = StructSchema.of("DeletableGroupResult", GROUP_ID, ERROR_CODE);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms");
        public static final Field<List<Struct>> RESULTS = structs("results", DeletableGroupResult.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("DeleteGroupsResponse", THROTTLE_TIME_MS, RESULTS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.DELETE_GROUPS, Request.SCHEMA, Response.SCHEMA);
}
