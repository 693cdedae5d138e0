package io.strand.broker.internals.handlers;

import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.RequestContext;
import io.strand.broker.internals.cluster.ClusterState;
import io.strand.broker.internals.cluster.TopicConfig;
import io.strand.broker.internals.cluster.TopicState;
import io.strand.common.message.CreateTopics;
import io.strand.common.message.CreateTopics.Request.Topic;
import io.strand.common.message.CreateTopics.Response.TopicResult;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** CreateTopics: partition counts or explicit assignments, configs validated as Kafka validates them. */
public final class CreateTopicsHandler implements ApiHandler {

    private final ClusterState cluster;

    public CreateTopicsHandler(ClusterState cluster) {
        this.cluster = cluster;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        boolean validateOnly = request.getBoolean(CreateTopics.Request.VALIDATE_ONLY);
        List<Struct> topics = request.get(CreateTopics.Request.TOPICS);
        Map<String, Integer> seen = new HashMap<>();
        for (Struct t : topics) {
            seen.merge(t.get(Topic.NAME), 1, Integer::sum);
        }
        List<Struct> results = new ArrayList<>();
        Set<String> answered = new HashSet<>();
        for (Struct t : topics) {
            String name = t.get(Topic.NAME);
            if (seen.get(name) > 1) {
                if (answered.add(name)) {
                    results.add(result(name, Errors.INVALID_REQUEST, "Create topics request from client `"
                        + context.clientId() + "` contains multiple entries for the following topics: " + name));
                }
                continue;
            }
            results.add(create(t, validateOnly));
        }
        Struct response = CreateTopics.DEFINITION.newResponse();
        response.set(CreateTopics.Response.TOPICS, results);
        return Responses.done(response);
    }

    private Struct create(Struct t, boolean validateOnly) {
        String name = t.get(Topic.NAME);
        try {
            Map<String, String> configs = new LinkedHashMap<>();
            for (Struct c : t.get(Topic.CONFIGS)) {
                configs.put(c.get(CreateTopics.Request.Config.NAME), c.get(CreateTopics.Request.Config.VALUE));
            }
            TopicConfig config = TopicConfig.of(configs);
            List<int[]> assignment = new ArrayList<>();
            for (Struct a : t.get(Topic.ASSIGNMENTS)) {
                assignment.add(toArray(a.get(CreateTopics.Request.Assignment.BROKER_IDS)));
            }
            int partitions = t.getInt(Topic.NUM_PARTITIONS);
            int rf = t.getShort(Topic.REPLICATION_FACTOR);
            TopicState created = cluster.createTopic(name, partitions, rf, assignment, config, validateOnly);
            Struct r = result(name, Errors.NONE, null);
            if (created != null) {
                r.set(TopicResult.TOPIC_ID, created.id());
                r.set(TopicResult.NUM_PARTITIONS, created.partitionCount());
                r.set(TopicResult.REPLICATION_FACTOR, (short) created.partition(0).replicas().length);
                r.set(TopicResult.CONFIGS, describe(config));
            } else {
                r.set(TopicResult.NUM_PARTITIONS, assignment.isEmpty()
                    ? (partitions == -1 ? cluster.defaultPartitions() : partitions) : assignment.size());
                r.set(TopicResult.REPLICATION_FACTOR, (short) (assignment.isEmpty()
                    ? (rf == -1 ? cluster.defaultReplicationFactor() : rf) : assignment.get(0).length));
                r.set(TopicResult.CONFIGS, describe(config));
            }
            return r;
        } catch (RuntimeException e) {
            return result(name, Responses.errorOf(e), e.getMessage());
        }
    }

    private static List<Struct> describe(TopicConfig config) {
        List<Struct> out = new ArrayList<>();
        for (String key : TopicConfig.DEFAULTS.keySet()) {
            Struct c = CreateTopics.Response.Config.SCHEMA.newStruct();
            c.set(CreateTopics.Response.Config.NAME, key);
            c.set(CreateTopics.Response.Config.VALUE, config.get(key));
            c.setByte(CreateTopics.Response.Config.CONFIG_SOURCE,
                config.isOverridden(key) ? ConfigSource.TOPIC : ConfigSource.DEFAULT);
            out.add(c);
        }
        return out;
    }

    private static Struct result(String name, Errors error, String message) {
        Struct r = TopicResult.SCHEMA.newStruct();
        r.set(TopicResult.NAME, name);
        r.set(TopicResult.ERROR_CODE, error.code());
        r.set(TopicResult.ERROR_MESSAGE, error == Errors.NONE ? null : message);
        return r;
    }

    static int[] toArray(List<Integer> ids) {
        int[] out = new int[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i);
        }
        return out;
    }
}
