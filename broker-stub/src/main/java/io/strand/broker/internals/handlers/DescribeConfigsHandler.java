package io.strand.broker.internals.handlers;

import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.BrokerConfig;
import io.strand.broker.internals.RequestContext;
import io.strand.broker.internals.cluster.ClusterState;
import io.strand.broker.internals.cluster.TopicConfig;
import io.strand.broker.internals.cluster.TopicState;
import io.strand.common.message.DescribeConfigs;
import io.strand.common.message.DescribeConfigs.Response.Config;
import io.strand.common.message.DescribeConfigs.Response.Result;
import io.strand.common.message.DescribeConfigs.Response.Synonym;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** DescribeConfigs for topics (overrides and Kafka's defaults) and brokers (what this broker runs with). */
public final class DescribeConfigsHandler implements ApiHandler {

    private static final byte TOPIC = 2;
    private static final byte BROKER = 4;
    private static final byte BROKER_LOGGER = 8;
    private static final byte TYPE_BOOLEAN = 1;
    private static final byte TYPE_STRING = 2;
    private static final byte TYPE_LONG = 5;

    private final ClusterState cluster;
    private final BrokerConfig config;

    public DescribeConfigsHandler(ClusterState cluster, BrokerConfig config) {
        this.cluster = cluster;
        this.config = config;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        boolean synonyms = request.getBoolean(DescribeConfigs.Request.INCLUDE_SYNONYMS);
        List<Struct> results = new ArrayList<>();
        for (Struct resource : request.get(DescribeConfigs.Request.RESOURCES)) {
            byte type = resource.getByte(DescribeConfigs.Request.Resource.RESOURCE_TYPE);
            String name = resource.get(DescribeConfigs.Request.Resource.RESOURCE_NAME);
            List<String> keys = resource.get(DescribeConfigs.Request.Resource.CONFIGURATION_KEYS);
            Struct r = Result.SCHEMA.newStruct();
            r.set(Result.RESOURCE_TYPE, type);
            r.set(Result.RESOURCE_NAME, name);
            r.set(Result.ERROR_MESSAGE, null);
            if (type == TOPIC) {
                TopicState t = cluster.topic(name);
                if (t == null) {
                    error(r, Errors.UNKNOWN_TOPIC_OR_PARTITION, "Topic " + name + " does not exist");
                } else {
                    r.set(Result.CONFIGS, topicConfigs(t.config(), keys, synonyms));
                }
            } else if (type == BROKER) {
                Integer node = nodeId(name);
                if (node == null) {
                    error(r, Errors.INVALID_REQUEST, "Unknown broker " + name);
                } else {
                    r.set(Result.CONFIGS, brokerConfigs(node, keys, synonyms));
                }
            } else if (type == BROKER_LOGGER) {
                r.set(Result.CONFIGS, List.of());
            } else {
                error(r, Errors.INVALID_REQUEST, "Unsupported resource type " + type);
            }
            results.add(r);
        }
        Struct response = DescribeConfigs.DEFINITION.newResponse();
        response.set(DescribeConfigs.Response.RESULTS, results);
        return Responses.done(response);
    }

    private Integer nodeId(String name) {
        if (name == null || name.isEmpty()) {
            return cluster.controllerId();
        }
        try {
            int id = Integer.parseInt(name);
            return cluster.nodes().nodeIds().contains(id) ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void error(Struct r, Errors error, String message) {
        r.set(Result.ERROR_CODE, error.code());
        r.set(Result.ERROR_MESSAGE, message);
    }

    private static List<Struct> topicConfigs(TopicConfig tc, List<String> keys, boolean synonyms) {
        List<Struct> out = new ArrayList<>();
        for (String key : TopicConfig.DEFAULTS.keySet()) {
            if (keys == null || keys.contains(key)) {
                out.add(entry(key, tc.get(key), tc.isOverridden(key) ? ConfigSource.TOPIC : ConfigSource.DEFAULT,
                    synonyms));
            }
        }
        return out;
    }

    private List<Struct> brokerConfigs(int node, List<String> keys, boolean synonyms) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("advertised.listeners", "PLAINTEXT://" + cluster.nodes().host(node) + ":" + cluster.nodes().port(node));
        values.put("auto.create.topics.enable", Boolean.toString(config.autoCreateTopics()));
        values.put("broker.id", Integer.toString(node));
        values.put("compression.type", "producer");
        values.put("default.replication.factor", Integer.toString(cluster.defaultReplicationFactor()));
        values.put("delete.topic.enable", "true");
        values.put("listeners", "PLAINTEXT://" + cluster.nodes().host(node) + ":" + cluster.nodes().port(node));
        values.put("log.dirs", config.dataDir() == null ? "(in memory)" : config.dataDir().toString());
        values.put("log.message.timestamp.type", "CreateTime");
        values.put("log.retention.hours", "168");
        values.put("message.max.bytes", TopicConfig.DEFAULTS.get(TopicConfig.MAX_MESSAGE_BYTES));
        values.put("min.insync.replicas", "1");
        values.put("node.id", Integer.toString(node));
        values.put("num.partitions", Integer.toString(cluster.defaultPartitions()));
        values.put("socket.request.max.bytes", Integer.toString(config.maxFrameBytes()));
        List<Struct> out = new ArrayList<>();
        values.forEach((k, v) -> {
            if (keys == null || keys.contains(k)) {
                out.add(entry(k, v, ConfigSource.STATIC_BROKER, synonyms));
            }
        });
        return out;
    }

    private static Struct entry(String key, String value, int source, boolean withSynonyms) {
        Struct c = Config.SCHEMA.newStruct();
        c.set(Config.NAME, key);
        c.set(Config.VALUE, value);
        c.set(Config.READ_ONLY, source == ConfigSource.STATIC_BROKER);
        c.setByte(Config.CONFIG_SOURCE, source);
        c.set(Config.IS_SENSITIVE, false);
        c.set(Config.CONFIG_TYPE, typeOf(value));
        c.set(Config.DOCUMENTATION, null);
        if (withSynonyms) {
            Struct s = Synonym.SCHEMA.newStruct();
            s.set(Synonym.NAME, key);
            s.set(Synonym.VALUE, value);
            s.setByte(Synonym.SOURCE, source);
            c.set(Config.SYNONYMS, List.of(s));
        }
        return c;
    }

    private static byte typeOf(String value) {
        if ("true".equals(value) || "false".equals(value)) {
            return TYPE_BOOLEAN;
        }
        try {
            Long.parseLong(value);
            return TYPE_LONG;
        } catch (NumberFormatException e) {
            return TYPE_STRING;
        }
    }
}
