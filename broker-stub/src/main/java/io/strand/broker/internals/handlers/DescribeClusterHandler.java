package io.strand.broker.internals.handlers;

import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.RequestContext;
import io.strand.broker.internals.cluster.ClusterState;
import io.strand.broker.internals.cluster.NodeDirectory;
import io.strand.common.message.DescribeCluster;
import io.strand.common.message.DescribeCluster.Response.Broker;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** DescribeCluster: cluster id, controller and live brokers; there are no separate controllers to list. */
public final class DescribeClusterHandler implements ApiHandler {

    private static final byte BROKERS = 1;
    /** Every cluster operation: alter, describe, cluster action, describe/alter configs, idempotent write... */
    private static final int CLUSTER_OPERATIONS = (1 << 5) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11)
        | (1 << 12);

    private final ClusterState cluster;

    public DescribeClusterHandler(ClusterState cluster) {
        this.cluster = cluster;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        Struct response = DescribeCluster.DEFINITION.newResponse();
        byte endpointType = request.getByte(DescribeCluster.Request.ENDPOINT_TYPE);
        response.set(DescribeCluster.Response.ENDPOINT_TYPE, endpointType);
        response.set(DescribeCluster.Response.CLUSTER_ID, cluster.clusterId());
        if (endpointType != BROKERS) {
            response.set(DescribeCluster.Response.ERROR_CODE, Errors.UNSUPPORTED_ENDPOINT_TYPE.code());
            response.set(DescribeCluster.Response.ERROR_MESSAGE, "Only brokers (endpoint type 1) can be described");
            return Responses.done(response);
        }
        response.set(DescribeCluster.Response.CONTROLLER_ID, cluster.controllerId());
        NodeDirectory nodes = cluster.nodes();
        List<Struct> brokers = new ArrayList<>();
        for (int id : nodes.liveNodeIds()) {
            Struct b = Broker.SCHEMA.newStruct();
            b.set(Broker.BROKER_ID, id);
            b.set(Broker.HOST, nodes.host(id));
            b.set(Broker.PORT, nodes.port(id));
            brokers.add(b);
        }
        response.set(DescribeCluster.Response.BROKERS, brokers);
        if (request.getBoolean(DescribeCluster.Request.INCLUDE_CLUSTER_AUTHORIZED_OPERATIONS)) {
            response.set(DescribeCluster.Response.CLUSTER_AUTHORIZED_OPERATIONS, CLUSTER_OPERATIONS);
        }
        return Responses.done(response);
    }
}
