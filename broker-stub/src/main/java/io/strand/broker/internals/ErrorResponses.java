package io.strand.broker.internals;

import io.strand.common.message.ApiDefinitions;
import io.strand.common.message.ApiVersions;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds an error response for any API and version from its request: every error code, at the
 * top and per topic, partition, group or resource, carries the error, and the arrays of results
 * mirror the request's topics and partitions (names, ids, indexes), because clients look up the
 * result of each partition they asked about. Used for APIs the broker does not serve, request
 * bodies it cannot read (no request to mirror: only the top-level code) and injected faults.
 */
public final class ErrorResponses {

    /**
     * Result arrays whose request counterpart has another name, keyed by "ResponseSchema.field";
     * candidates in order, the first one present at the request's version wins. Everything else
     * mirrors the request array of the same name.
     */
    private static final Map<String, List<String>> SOURCE_ARRAYS = Map.ofEntries(
        Map.entry("ProduceResponse.responses", List.of("topic_data")),
        Map.entry("TopicProduceResponse.partition_responses", List.of("partition_data")),
        Map.entry("FetchResponse.responses", List.of("topics")),
        Map.entry("DeleteTopicsResponse.responses", List.of("topics", "topic_names")),
        Map.entry("DescribeConfigsResponse.results", List.of("resources")),
        Map.entry("CreatePartitionsResponse.results", List.of("topics")),
        Map.entry("DeleteGroupsResponse.results", List.of("groups_names")),
        Map.entry("DescribeGroupsResponse.groups", List.of("groups")),
        Map.entry("FindCoordinatorResponse.coordinators", List.of("coordinator_keys")),
        Map.entry("ConsumerGroupDescribeResponse.groups", List.of("group_ids")),
        Map.entry("IncrementalAlterConfigsResponse.responses", List.of("resources")),
        Map.entry("OffsetFetchResponseTopics.partitions", List.of("partition_indexes")),
        Map.entry("OffsetFetchResponseTopic.partitions", List.of("partition_indexes")),
        Map.entry("AddPartitionsToTxnResponse.results_by_topic_v3_and_below", List.of("v3_and_below_topics")),
        Map.entry("AddPartitionsToTxnResponse.results_by_transaction", List.of("transactions")),
        Map.entry("AddPartitionsToTxnResult.topic_results", List.of("topics")),
        Map.entry("AddPartitionsToTxnTopicResult.results_by_partition", List.of("partitions")));

    /** Where a request lists bare names or indexes, the result field that takes each one. */
    private static final List<String> NAME_FIELDS = List.of("key", "group_id", "name", "topic");
    private static final List<String> INDEX_FIELDS = List.of("partition_index", "partition");

    private ErrorResponses() {
    }

    /**
     * An error response to {@code request} (null when its body could not be read).
     * ApiVersions answers also list the versions this broker serves, as Kafka's do.
     */
    public static Struct of(ApiKeys api, short version, Struct request, Errors error) {
        Struct response = ApiDefinitions.of(api).newResponse();
        fill(response, request, version, error);
        return response;
    }

    /** The ApiVersions answer to an unknown version: v0, UNSUPPORTED_VERSION, and the supported ranges. */
    public static Struct apiVersionsFallback(Struct supported) {
        Struct response = ApiVersions.DEFINITION.newResponse();
        response.setShort(ApiVersions.Response.ERROR_CODE, Errors.UNSUPPORTED_VERSION.code());
        response.set(ApiVersions.Response.API_KEYS, supported.get(ApiVersions.Response.API_KEYS));
        return response;
    }

    private static void fill(Struct response, Struct request, short version, Errors error) {
        StructSchema schema = response.schema();
        for (Field<?> f : schema.fields()) {
            if (!f.isIn(version)) {
                continue;
            }
            if (f.name().equals("error_code") && f.type() == Types.INT16) {
                @SuppressWarnings("unchecked")
                Field<Short> code = (Field<Short>) f;
                response.set(code, error.code());
            } else if (request != null) {
                StructSchema element = StructSchema.nestedSchemaOf(f);
                if (element != null && f.type().elementType() != null && hasErrorCode(element)) {
                    mirrorArray(response, f, element, request, version, error);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void mirrorArray(Struct response, Field<?> f, StructSchema element, Struct request, short version,
                                    Errors error) {
        Field<?> source = sourceArray(response.schema(), f, request.schema(), version);
        if (source == null) {
            return;
        }
        List<?> items = (List<?>) request.get(source);
        if (items == null) {
            return;
        }
        List<Struct> results = new ArrayList<>(items.size());
        for (Object item : items) {
            Struct result = element.newStruct();
            if (item instanceof Struct q) {
                copyKeys(q, result, version);
                fill(result, q, version, error);
            } else {
                setKey(result, item, version);
                fill(result, null, version, error);
            }
            results.add(result);
        }
        response.set((Field<List<Struct>>) f, results);
    }

    private static Field<?> sourceArray(StructSchema responseSchema, Field<?> f, StructSchema requestSchema,
                                        short version) {
        List<String> names = SOURCE_ARRAYS.getOrDefault(responseSchema.name() + "." + f.name(), List.of(f.name()));
        for (String name : names) {
            for (Field<?> candidate : requestSchema.fields()) {
                if (candidate.name().equals(name) && candidate.isIn(version) && candidate.type().elementType() != null) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Copies the identifying scalars (names, ids, indexes) that request and result share. */
    @SuppressWarnings("unchecked")
    private static void copyKeys(Struct from, Struct to, short version) {
        for (Field<?> target : to.schema().fields()) {
            if (!target.isIn(version) || target.type().elementType() != null || target.name().equals("error_code")
                || target.type().structSchema() != null) {
                continue;
            }
            Field<?> source = find(from.schema(), target.name(), version);
            if (source == null && INDEX_FIELDS.contains(target.name())) {
                for (String alias : INDEX_FIELDS) {
                    source = source != null ? source : find(from.schema(), alias, version);
                }
            }
            if (source != null && source.type() == target.type()) {
                to.set((Field<Object>) target, from.get(source));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void setKey(Struct result, Object key, short version) {
        List<String> candidates = key instanceof Integer ? INDEX_FIELDS : NAME_FIELDS;
        for (String name : candidates) {
            Field<?> f = find(result.schema(), name, version);
            if (f != null && f.type().valueClass().isInstance(key)) {
                result.set((Field<Object>) f, key);
                return;
            }
        }
    }

    private static Field<?> find(StructSchema schema, String name, short version) {
        for (Field<?> f : schema.fields()) {
            if (f.name().equals(name) && f.isIn(version)) {
                return f;
            }
        }
        return null;
    }

    private static boolean hasErrorCode(StructSchema schema) {
        for (Field<?> f : schema.fields()) {
            if (f.name().equals("error_code")) {
                return true;
            }
            StructSchema nested = StructSchema.nestedSchemaOf(f);
            if (nested != null && nested != schema && hasErrorCode(nested)) {
                return true;
            }
        }
        return false;
    }
}
