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

/** DescribeCluster (key 60): the cluster id, controller and brokers (or controllers), without topic metadata. */
public final class DescribeCluster {
    private DescribeCluster() {
    }

    /** The endpoint type that means brokers; the other (2) asks for controllers. */
    private static final byte ENDPOINT_TYPE_BROKERS = 1;

    public static final class Request {
        private Request() {
        }

        public static final Field<Boolean> INCLUDE_CLUSTER_AUTHORIZED_OPERATIONS =
            bool("include_cluster_authorized_operations");
        public static final Field<Byte> ENDPOINT_TYPE =
            int8("endpoint_type").versions(1).defaultsTo(ENDPOINT_TYPE_BROKERS);
        public static final Field<Boolean> INCLUDE_FENCED_BROKERS = bool("include_fenced_brokers").versions(2);

        public static final StructSchema SCHEMA = StructSchema.of("DescribeClusterRequest",
            INCLUDE_CLUSTER_AUTHORIZED_OPERATIONS, ENDPOINT_TYPE, INCLUDE_FENCED_BROKERS);
    }

    public static final class Response {
        private Response() {
        }

        public static final class Broker {
            private Broker() {
            }

            public static final Field<Integer> BROKER_ID = int32("broker_id");
            public static final Field<String> HOST = string("host");
            public static final Field<Integer> PORT = int32("port");
            public static final Field<String> RACK = string("rack").nullable().defaultsTo(null);
            public static final Field<Boolean> IS_FENCED = bool("is_fenced").versions(2);

            public static final StructSchema SCHEMA = StructSchema.of("DescribeClusterBroker",
                BROKER_ID, HOST, PORT, RACK, IS_FENCED);
        }

        public static final Field<Integer> THROTTLE_TIME_MS = int32("throttle_time_ms").ignorable();
        public static final Field<Short> ERROR_CODE = int16("error_code");
        public static final Field<String> ERROR_MESSAGE = string("error_message").nullable().defaultsTo(null);
        public static final Field<Byte> ENDPOINT_TYPE =
            int8("endpoint_type").versions(1).defaultsTo(ENDPOINT_TYPE_BROKERS);
        public static final Field<String> CLUSTER_ID = string("cluster_id");
        public static final Field<Integer> CONTROLLER_ID = int32("controller_id").defaultsTo(-1);
        public static final Field<List<Struct>> BROKERS = structs("brokers", Broker.SCHEMA);
        // MIN_VALUE: not requested (include_cluster_authorized_operations unset).
        public static final Field<Integer> CLUSTER_AUTHORIZED_OPERATIONS =
            int32("cluster_authorized_operations").defaultsTo(Integer.MIN_VALUE);

        public static final StructSchema SCHEMA = StructSchema.of("DescribeClusterResponse",
            THROTTLE_TIME_MS, ERROR_CODE, ERROR_MESSAGE, ENDPOINT_TYPE, CLUSTER_ID, CONTROLLER_ID, BROKERS,
            CLUSTER_AUTHORIZED_OPERATIONS);
    }

    public static final ApiDefinition DEFINITION =
        new ApiDefinition(ApiKeys.DESCRIBE_CLUSTER, Request.SCHEMA, Response.SCHEMA);
}
