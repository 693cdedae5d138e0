package io.strand.common.message;

import static io.strand.common.protocol.types.Field.int16;
import static io.strand.common.protocol.types.Field.int32;
import static io.strand.common.protocol.types.Field.int64;
import static io.strand.common.protocol.types.Field.bool;
import static io.strand.common.protocol.types.Field.string;
import static io.strand.common.protocol.types.Field.structs;

import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import java.util.List;

/** ApiVersions (key 18): the first request on every connection; the broker lists its version ranges. */
public final class ApiVersions {
    private ApiVersions() {
    }

    public static final class Request {
        private Request() {
        }

        public static final Field<String> CLIENT_SOFTWARE_NAME = string("client_software_name").versions(3);
        public static final Field<String> CLIENT_SOFTWARE_VERSION = string("client_software_version").versions(3);

        public static final StructSchema SCHEMA = StructSchema.of("ApiVersionsRequest",
            CLIENT_SOFTWARE_NAME, CLIENT_SOFTWARE_VERSION);
    }

    public static final class Response {
        private Response() {
        }

        public static final class ApiVersion {
            private ApiVersion() {
            }

            public static final Field<Short> API_KEY = int16("api_key");
            public static final Field<Short> MIN_VERSION = int16("min_version");
            public static final Field<Short> MAX_VERSION = int16("max_version");

            public static final StructSchema SCHEMA = StructSchema.of("ApiVersion", API_KEY, MIN_VERSION, MAX_VERSION);
        }

        public static final class SupportedFeature {
            private SupportedFeature() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<Short> MIN_VERSION = int16("min_version");
            public static final Field<Short> MAX_VERSION = int16("max_version");

            public static final StructSchema SCHEMA = StructSchema.of("SupportedFeatureKey", NAME, MIN_VERSION, MAX_VERSION);
        }

        public static final class FinalizedFeature {
            private FinalizedFeature() {
            }

            public static final Field<String> NAME = string("name");
            public static final Field<Short> MAX_VERSION_LEVEL = int16("max_version_level");
            public static final Field<Short> MIN_VERSION_LEVEL = int16("min_version_level");

            public static final StructSchema SCHEMA = StructSchema.of("FinalizedFeatureKey",
                NAME, MAX_VERSION_LEVEL, MIN_VERSION_LEVEL);
        }

        public static final Field<Short> ERROR_CODE = int16("error_code");
        public static final Field<List<Struct>> API_KEYS = structs("api_keys", ApiVersion.SCHEMA);
        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").versions(1).ignorable();
        public static final Field<List<Struct>> SUPPORTED_FEATURES =
            structs("supported_features", SupportedFeature.SCHEMA).versions(3).tagged(0).ignorable();
        public static final Field<Long> FINALIZED_FEATURES_EPOCH =
            int64("finalized_features_epoch").versions(3).tagged(1).defaultsTo(-1L).ignorable();
        public static final Field<List<Struct>> FINALIZED_FEATURES =
            structs("finalized_features", FinalizedFeature.SCHEMA).versions(3).tagged(2).ignorable();
        public static final Field<Boolean> ZK_MIGRATION_READY =
            bool("zk_migration_ready").versions(3).tagged(3).ignorable();

        public static final StructSchema SCHEMA = StructSchema.of("ApiVersionsResponse",
            ERROR_CODE, API_KEYS, THROTTLE_TIME_MS,
            SUPPORTED_FEATURES, FINALIZED_FEATURES_EPOCH, FINALIZED_FEATURES, ZK_MIGRATION_READY);
    }

    public static final ApiDefinition DEFINITION = new ApiDefinition(ApiKeys.API_VERSIONS, Request.SCHEMA, Response.SCHEMA);
}
