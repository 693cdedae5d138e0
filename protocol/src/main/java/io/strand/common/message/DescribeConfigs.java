package io.strand.common.message;

import static io.strand.common.protocol.types.Field.array;
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
import io.strand.common.protocol.types.Types;
import java.util.List;

/** DescribeConfigs (key 32): the configuration entries of topics, brokers and other resources. */
public final class DescribeConfigs {
    private DescribeConfigs() {
    }

    public static final class Request {
        private Request() {
        }

        public static final class Resource {
            private Resource() {
            }

            public static final Field<Byte> RESOURCE_TYPE = int8("resource_type");
            public static final Field<String> RESOURCE_NAME = string("resource_name");
            // Null asks for every key of the resource.
            public static final Field<List<String>> CONFIGURATION_KEYS =
                array("configuration_keys", Types.STRING).nullable();

            public static final StructSchema SCHEMA = StructSchema.of("DescribeConfigsResource",
                RESOURCE_TYPE, RESOURCE_NAME, CONFIGURATION_KEYS);
        }

        public static final Field<List<Struct>> RESOURCES = structs("resources", Resource.SCHEMA);
        public static final Field<Boolean> INCLUDE_SYNONYMS = bool("include_synonyms");
        public static final Field<Boolean> INCLUDE_DOCUMENTATION = bool("include_documentation").versions(3);

        public static final StructSchema SCHEMA = StructSchema.of("DescribeConfigsRequest",
            RESOURCES, INCLUDE_SYNONYMS, INCLUDE_DOCUMENTATION);
    }

    public static final class Response {
        private Response() {
        }

        public static final class Synonym {
            private Synonym() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<String> VALUE = string("value").nullable();
            public static final Field<Byte> SOURCE = int8("source");

            public static final StructSchema SCHEMA = StructSchema.of("DescribeConfigsSynonym", NAME, VALUE, SOURCE);
        }

        public static final class Config {
            private Config() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<String> VALUE = string("value").nullable();
            public static final Field<Boolean> READ_ONLY = bool("read_only");
            public static final Field<Byte> CONFIG_SOURCE = int8("config_source").defaultsTo((byte) -1);
            public static final Field<Boolean> IS_SENSITIVE = bool("is_sensitive");
            public static final Field<List<Struct>> SYNONYMS = structs("synonyms", Synonym.SCHEMA);
            public static final Field<Byte> CONFIG_TYPE = int8("config_type").versions(3).ignorable();
            public static final Field<String> DOCUMENTATION =
                string("documentation").versions(3).nullable().ignorable();

            public static final StructSchema SCHEMA = StructSchema.of("DescribeConfigsResourceResult",
                NAME, VALUE, READ_ONLY, CONFIG_SOURCE, IS_SENSITIVE, SYNONYMS, CONFIG_TYPE, DOCUMENTATION);
        }

        public static final class Result {
            private Result() {
            }

            public static final Field<Short> ERROR_CODE = int16("error_code");
            public static final Field<String> ERROR_MESSAGE = string("error_message").nullable();
            public static final Field<Byte> RESOURCE_TYPE = int8("resource_type");
            public static final Field<String> RESOURCE_NAME = string("resource_name");
            public static final Field<List<Struct>> CONFIGS = structs("configs", Config.SCHEMA);

            public static final StructSchema SCHEMA = StructSchema.of("DescribeConfigsResult",
                ERROR_CODE, ERROR_MESSAGE, RESOURCE_TYPE, RESOURCE_NAME, CONFIGS);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").ignorable();
        public static final Field<List<Struct>> RESULTS = structs("results", Result.SCHEMA);

        public static final StructSchema SCHEMA = StructSchema.of("DescribeConfigsResponse", THROTTLE_TIME_MS, RESULTS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.DESCRIBE_CONFIGS, Request.SCHEMA, Response.SCHEMA);
}
