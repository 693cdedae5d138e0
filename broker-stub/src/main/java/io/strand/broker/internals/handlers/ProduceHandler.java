package io.strand.broker.internals.handlers;

import io.netty.buffer.ByteBuf;
import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.ErrorResponses;
import io.strand.broker.internals.RequestContext;
import io.strand.broker.internals.cluster.ClusterState;
import io.strand.broker.internals.cluster.NodeDirectory;
import io.strand.broker.internals.cluster.TopicState;
import io.strand.broker.internals.data.Partition.ProduceResult;
import io.strand.broker.internals.data.PartitionAccess;
import io.strand.broker.internals.network.RequestDispatcher.CloseConnection;
import io.strand.common.Uuid;
import io.strand.common.message.Produce;
import io.strand.common.message.Produce.Request.PartitionData;
import io.strand.common.message.Produce.Request.TopicData;
import io.strand.common.message.Produce.Response.LeaderIdAndEpoch;
import io.strand.common.message.Produce.Response.NodeEndpoint;
import io.strand.common.message.Produce.Response.PartitionResponse;
import io.strand.common.message.Produce.Response.TopicResponse;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Produce: each partition's batches go to its log as the producer sent them. Every replica is in
 * this process, so acks=1 and acks=all are answered alike once the append is done; acks=0 gets
 * no answer at all, and a failure then closes the connection, which is how Kafka tells such a
 * producer to refresh its metadata.
 */
public final class ProduceHandler implements ApiHandler {

    private final PartitionAccess access;

    public ProduceHandler(PartitionAccess access) {
        this.access = access;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        short version = context.apiVersion();
        short acks = request.getShort(Produce.Request.ACKS);
        if (acks != 0 && acks != 1 && acks != -1) {
            return Responses.done(ErrorResponses.of(ApiKeys.PRODUCE, version, request, Errors.INVALID_REQUIRED_ACKS));
        }
        ClusterState cluster = access.cluster();
        boolean failed = false;
        TreeSet<Integer> movedLeaders = new TreeSet<>();
        List<Struct> topics = new ArrayList<>();
        for (Struct t : request.get(Produce.Request.TOPIC_DATA)) {
            TopicState topic;
            Errors unknown;
            Struct tr = TopicResponse.SCHEMA.newStruct();
            if (version >= 13) {
                Uuid id = t.get(TopicData.TOPIC_ID);
                topic = cluster.topic(id);
                unknown = Errors.UNKNOWN_TOPIC_ID;
                tr.set(TopicResponse.TOPIC_ID, id);
            } else {
                String name = t.get(TopicData.NAME);
                topic = cluster.topic(name);
                unknown = Errors.UNKNOWN_TOPIC_OR_PARTITION;
                tr.set(TopicResponse.NAME, name);
            }
            List<Struct> partitions = new ArrayList<>();
            for (Struct p : t.get(TopicData.PARTITION_DATA)) {
                int index = p.getInt(PartitionData.INDEX);
                Struct pr = PartitionResponse.SCHEMA.newStruct();
                pr.set(PartitionResponse.INDEX, index);
                PartitionAccess.Resolved r = access.resolve(context, topic, index, -1);
                ProduceResult result;
                if (topic == null) {
                    result = new ProduceResult(unknown, -1, -1, -1, null);
                } else if (!r.ok()) {
                    result = new ProduceResult(r.error(), -1, -1, -1, null);
                    if (r.error() == Errors.NOT_LEADER_OR_FOLLOWER && version >= 10 && r.state().leader() >= 0) {
                        Struct leader = LeaderIdAndEpoch.SCHEMA.newStruct();
                        leader.set(LeaderIdAndEpoch.LEADER_ID, r.state().leader());
                        leader.set(LeaderIdAndEpoch.LEADER_EPOCH, r.state().leaderEpoch());
                        pr.set(PartitionResponse.CURRENT_LEADER, leader);
                        movedLeaders.add(r.state().leader());
                    }
                } else {
                    ByteBuf records = p.get(PartitionData.RECORDS);
                    result = records == null || !records.isReadable()
                        ? new ProduceResult(Errors.INVALID_RECORD, -1, -1, -1, "The request carries no record batch")
                        : r.data().append(records, r.leaderEpoch(), topic.config());
                }
                failed |= result.error() != Errors.NONE;
                pr.set(PartitionResponse.ERROR_CODE, result.error().code());
                pr.set(PartitionResponse.BASE_OFFSET, result.baseOffset());
                pr.set(PartitionResponse.LOG_APPEND_TIME_MS, result.logAppendTimeMs());
                if (version >= 5) {
                    pr.set(PartitionResponse.LOG_START_OFFSET, result.logStartOffset());
                }
                pr.set(PartitionResponse.ERROR_MESSAGE, result.message());
                partitions.add(pr);
            }
            tr.set(TopicResponse.PARTITION_RESPONSES, partitions);
            topics.add(tr);
        }
        if (acks == 0) {
            return failed ? CompletableFuture.failedFuture(new CloseConnection("acks=0 produce failed"))
                : CompletableFuture.completedFuture(null);
        }
        Struct response = Produce.DEFINITION.newResponse();
        response.set(Produce.Response.RESPONSES, topics);
        if (!movedLeaders.isEmpty()) {
            response.set(Produce.Response.NODE_ENDPOINTS, endpoints(cluster.nodes(), movedLeaders));
        }
        return Responses.done(response);
    }

    private static List<Struct> endpoints(NodeDirectory nodes, TreeSet<Integer> ids) {
        List<Struct> out = new ArrayList<>();
        for (int id : ids) {
            Struct e = NodeEndpoint.SCHEMA.newStruct();
            e.set(NodeEndpoint.NODE_ID, id);
            e.set(NodeEndpoint.HOST, nodes.host(id));
            e.set(NodeEndpoint.PORT, nodes.port(id));
            out.add(e);
        }
        return out;
    }
}
