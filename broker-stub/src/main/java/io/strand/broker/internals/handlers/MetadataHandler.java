package io.strand.broker.internals.handlers;

import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.RequestContext;
import io.strand.broker.internals.cluster.ClusterState;
import io.strand.broker.internals.cluster.NodeDirectory;
import io.strand.broker.internals.cluster.PartitionState;
import io.strand.broker.internals.cluster.TopicConfig;
import io.strand.broker.internals.cluster.TopicState;
import io.strand.common.Uuid;
import io.strand.common.errors.ApiException;
import io.strand.common.errors.TopicExistsException;
import io.strand.common.message.Metadata;
import io.strand.common.message.Metadata.Response.Broker;
import io.strand.common.message.Metadata.Response.Partition;
import io.strand.common.message.Metadata.Response.Topic;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Metadata: live nodes, and topics with ids, leaders, epochs and replicas; creates unknown topics when allowed. */
public final class MetadataHandler implements ApiHandler {

    /** Read, write, create, delete, alter, describe, describe configs, alter configs: everything, no ACLs here. */
    private static final int TOPIC_OPERATIONS = (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 8)
        | (1 << 10) | (1 << 11);

    private final ClusterState cluster;
    private final boolean autoCreate;

    public MetadataHandler(ClusterState cluster, boolean autoCreate) {
        this.cluster = cluster;
        this.autoCreate = autoCreate;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        short version = context.apiVersion();
        Struct response = Metadata.DEFINITION.newResponse();
        response.set(Metadata.Response.BROKERS, brokers(cluster.nodes()));
        response.set(Metadata.Response.CLUSTER_ID, cluster.clusterId());
        response.set(Metadata.Response.CONTROLLER_ID, cluster.controllerId());
        boolean withOps = version >= 8 && request.getBoolean(Metadata.Request.INCLUDE_TOPIC_AUTHORIZED_OPERATIONS);
        List<Struct> requested = request.get(Metadata.Request.TOPICS);
        List<Struct> topics = new ArrayList<>();
        if (requested == null || (version == 0 && requested.isEmpty())) {
            for (TopicState t : cluster.topics()) {
                topics.add(describe(t, Errors.NONE, withOps));
            }
        } else {
            boolean allowCreate = autoCreate && (version < 4 || request.getBoolean(Metadata.Request.ALLOW_AUTO_TOPIC_CREATION));
            for (Struct q : requested) {
                topics.add(lookup(q, version, allowCreate, withOps));
            }
        }
        response.set(Metadata.Response.TOPICS, topics);
        return Responses.done(response);
    }

    private Struct lookup(Struct q, short version, boolean allowCreate, boolean withOps) {
        String name = q.get(Metadata.Request.Topic.NAME);
        if (name == null) {
            if (version < 12) {
                // v10 and v11 let the request's name be null but not the response's: like Kafka, refuse
                // lookups by id before v12 instead of failing to encode the answer.
                return missing("", Errors.INVALID_REQUEST);
            }
            Uuid id = q.get(Metadata.Request.Topic.TOPIC_ID);
            TopicState t = cluster.topic(id);
            if (t != null) {
                return describe(t, Errors.NONE, withOps);
            }
            Struct missing = Topic.SCHEMA.newStruct();
            missing.set(Topic.NAME, null);
            missing.set(Topic.TOPIC_ID, id == null ? Uuid.ZERO_UUID : id);
            missing.set(Topic.ERROR_CODE, Errors.UNKNOWN_TOPIC_ID.code());
            return missing;
        }
        TopicState t = cluster.topic(name);
        if (t == null && allowCreate) {
            try {
                t = cluster.createTopic(name, -1, -1, null, TopicConfig.defaults(), false);
            } catch (TopicExistsException raced) {
                t = cluster.topic(name);
            } catch (ApiException e) {
                return missing(name, Errors.forException(e));
            }
        }
        if (t == null) {
            Errors error;
            try {
                ClusterState.validateName(name);
                error = Errors.UNKNOWN_TOPIC_OR_PARTITION;
            } catch (ApiException e) {
                error = Errors.INVALID_TOPIC_EXCEPTION;
            }
            return missing(name, error);
        }
        return describe(t, Errors.NONE, withOps);
    }

    private static Struct missing(String name, Errors error) {
        Struct s = Topic.SCHEMA.newStruct();
        s.set(Topic.NAME, name);
        s.set(Topic.ERROR_CODE, error.code());
        return s;
    }

    private Struct describe(TopicState t, Errors error, boolean withOps) {
        Struct s = Topic.SCHEMA.newStruct();
        s.set(Topic.ERROR_CODE, error.code());
        s.set(Topic.NAME, t.name());
        s.set(Topic.TOPIC_ID, t.id());
        s.set(Topic.IS_INTERNAL, false);
        if (withOps) {
            s.set(Topic.TOPIC_AUTHORIZED_OPERATIONS, TOPIC_OPERATIONS);
        }
        NodeDirectory nodes = cluster.nodes();
        List<Struct> partitions = new ArrayList<>(t.partitionCount());
        for (PartitionState p : t.partitions()) {
            PartitionState.Leadership l = p.leadership();
            List<Integer> replicas = new ArrayList<>();
            List<Integer> isr = new ArrayList<>();
            List<Integer> offline = new ArrayList<>();
            for (int r : p.replicas()) {
                replicas.add(r);
                (nodes.isLive(r) ? isr : offline).add(r);
            }
            Struct ps = Partition.SCHEMA.newStruct();
            ps.set(Partition.ERROR_CODE, (l.leader() < 0 ? Errors.LEADER_NOT_AVAILABLE : Errors.NONE).code());
            ps.set(Partition.PARTITION_INDEX, p.partition());
            ps.set(Partition.LEADER_ID, l.leader());
            ps.set(Partition.LEADER_EPOCH, l.epoch());
            ps.set(Partition.REPLICA_NODES, replicas);
            ps.set(Partition.ISR_NODES, isr);
            ps.set(Partition.OFFLINE_REPLICAS, offline);
            partitions.add(ps);
        }
        s.set(Topic.PARTITIONS, partitions);
        return s;
    }

    static List<Struct> brokers(NodeDirectory nodes) {
        List<Struct> brokers = new ArrayList<>();
        for (int id : nodes.liveNodeIds()) {
            Struct b = Broker.SCHEMA.newStruct();
            b.set(Broker.NODE_ID, id);
            b.set(Broker.HOST, nodes.host(id));
            b.set(Broker.PORT, nodes.port(id));
            brokers.add(b);
        }
        return brokers;
    }
}
