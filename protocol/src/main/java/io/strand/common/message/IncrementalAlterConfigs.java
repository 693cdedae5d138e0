package io.strand.common.message;

import static io.strand.common.protocol.types.Field.bool;
import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.int8;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.structs;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import java.util.List;

/** IncrementalAlterConfigs (key 44): sets, deletes, appends to or subtracts from single config entries. */
public final class IncrementalAlterConfigs {
    private IncrementalAlterConfigs() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class Config {
            private Config() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<Byte> CONFIG_OPERATION = int8("config_operation");
            // Null for a delete, which needs no value.
            public static final Field<String> VALUE = string("value").nullable();

            public static final StructSchema SCHEMA = StructSchema.of("AlterableConfig", NAME, CONFIG_OPERATION, VALUE);
        }

        public static final class Resource {
            private Resource() {
            }

            public static final Field<Byte> RESOURCE_TYPE = int8("resource_type");
            public static final Field<String> RESOURCE_NAME = string("resource_name");
            public static final Field<List<Struct>> CONFIGS = structs("configs", Config.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("AlterConfigsResource",
                RESOURCE_TYPE, RESOURCE_NAME, CONFIGS);
        }

        public static final Field<List<Struct>> RESOURCES = structs("resources", Resource.SCHEMA);
        public static final Field<Boolean> VALIDATE_ONLY = bool("validate_only");

        public static final StructSchema SCHEMA = StructSchema.of("IncrementalAlterConfigsRequest",
            RESOURCES, VALIDATE_ONLY);
    }

    public static final class Response {
        private Response() {
        }

        public static final class ResourceResponse {
            private ResourceResponse() {
            }

            public static final Field<Short> ERROR_CODE = int16("error_code");
            public static final Field<String> ERROR_MESSAGE = string("error_message").nullable();
            public static final Field<Byte> RESOURCE_TYPE = int8("resource_type");
            public static final Field<String> RESOURCE_NAME = string("resource_name");

            public static final StructSchema SCHEMA = StructSchema.of("AlterConfigsResourceResponse",
                ERROR_CODE, ERROR_MESSAGE, RESOURCE_TYPE, RESOURCE_NAME);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").ignorable();
        public static final Field<List<Struct>> RESPONSES = structs("responses", ResourceResponse.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("IncrementalAlterConfigsResponse",
            THROTTLE_TIME_MS, RESPONSES);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.INCREMENTAL_ALTER_CONFIGS, Request.SCHEMA, Response.SCHEMA);
}
