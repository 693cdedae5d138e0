package io.strand.broker.internals.handlers;

import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.RequestContext;
import io.strand.broker.internals.cluster.ClusterState;
import io.strand.common.message.FindCoordinator;
import io.strand.common.message.FindCoordinator.Response.Coordinator;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * FindCoordinator: one key up to v3, a batch from v4. Groups hash over the live nodes; transaction
 * and share-group coordinators do not exist here, which the answer says instead of letting the
 * client retry.
 */
public final class FindCoordinatorHandler implements ApiHandler {

    private static final byte GROUP = 0;

    private final ClusterState cluster;

    public FindCoordinatorHandler(ClusterState cluster) {
        this.cluster = cluster;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        short version = context.apiVersion();
        byte keyType = version >= 1 ? request.getByte(FindCoordinator.Request.KEY_TYPE) : GROUP;
        Struct response = FindCoordinator.DEFINITION.newResponse();
        if (version < 4) {
            Struct c = find(request.get(FindCoordinator.Request.KEY), keyType);
            response.set(FindCoordinator.Response.ERROR_CODE, c.get(Coordinator.ERROR_CODE));
            response.set(FindCoordinator.Response.ERROR_MESSAGE, c.get(Coordinator.ERROR_MESSAGE));
            response.set(FindCoordinator.Response.NODE_ID, c.get(Coordinator.NODE_ID));
            response.set(FindCoordinator.Response.HOST, c.get(Coordinator.HOST));
            response.set(FindCoordinator.Response.PORT, c.get(Coordinator.PORT));
        } else {
            List<Struct> out = new ArrayList<>();
            for (String key : request.get(FindCoordinator.Request.COORDINATOR_KEYS)) {
                out.add(find(key, keyType));
            }
            response.set(FindCoordinator.Response.COORDINATORS, out);
        }
        return Responses.done(response);
    }

    private Struct find(String key, byte keyType) {
        Struct c = Coordinator.SCHEMA.newStruct();
        c.set(Coordinator.KEY, key);
        c.set(Coordinator.NODE_ID, -1);
        c.set(Coordinator.HOST, "");
        c.set(Coordinator.PORT, -1);
        if (keyType != GROUP) {
            return error(c, Errors.UNSUPPORTED_VERSION, keyType == 1
                ? "Transactions are not supported by Strand's broker-stub" : "Unsupported coordinator key type " + keyType);
        }
        if (key == null || key.isEmpty()) {
            return error(c, Errors.INVALID_REQUEST, "The group id must not be empty");
        }
        int node = cluster.coordinatorFor(key);
        if (node < 0) {
            return error(c, Errors.COORDINATOR_NOT_AVAILABLE, "No node is running");
        }
        c.set(Coordinator.NODE_ID, node);
        c.set(Coordinator.HOST, cluster.nodes().host(node));
        c.set(Coordinator.PORT, cluster.nodes().port(node));
        c.set(Coordinator.ERROR_CODE, Errors.NONE.code());
        c.set(Coordinator.ERROR_MESSAGE, null);
        return c;
    }

    private static Struct error(Struct c, Errors error, String message) {
        c.set(Coordinator.ERROR_CODE, error.code());
        c.set(Coordinator.ERROR_MESSAGE, message);
        return c;
    }
}
