package io.strand.broker.internals.handlers;

import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.RequestContext;
import io.strand.broker.internals.cluster.ClusterState;
import io.strand.common.message.CreatePartitions;
import io.strand.common.message.CreatePartitions.Request.Topic;
import io.strand.common.message.CreatePartitions.Response.TopicResult;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** CreatePartitions: grows topics to a new total, placing new partitions like new topics unless told. */
public final class CreatePartitionsHandler implements ApiHandler {

    private final ClusterState cluster;

    public CreatePartitionsHandler(ClusterState cluster) {
        this.cluster = cluster;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        boolean validateOnly = request.getBoolean(CreatePartitions.Request.VALIDATE_ONLY);
        List<Struct> results = new ArrayList<>();
        for (Struct t : request.get(CreatePartitions.Request.TOPICS)) {
            String name = t.get(Topic.NAME);
            Struct r = TopicResult.SCHEMA.newStruct();
            r.set(TopicResult.NAME, name);
            try {
                List<Struct> assignments = t.get(Topic.ASSIGNMENTS);
                List<int[]> placed = null;
                if (assignments != null) {
                    placed = new ArrayList<>();
                    for (Struct a : assignments) {
                        placed.add(CreateTopicsHandler.toArray(a.get(CreatePartitions.Request.Assignment.BROKER_IDS)));
                    }
                }
                cluster.createPartitions(name, t.getInt(Topic.COUNT), placed, validateOnly);
                r.set(TopicResult.ERROR_CODE, Errors.NONE.code());
            } catch (RuntimeException e) {
                r.set(TopicResult.ERROR_CODE, Responses.errorOf(e).code());
                r.set(TopicResult.ERROR_MESSAGE, e.getMessage());
            }
            results.add(r);
        }
        Struct response = CreatePartitions.DEFINITION.newResponse();
        response.set(CreatePartitions.Response.RESULTS, results);
        return Responses.done(response);
    }
}
