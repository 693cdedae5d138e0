package io.strand.broker.internals.handlers;

import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.RequestContext;
import io.strand.broker.internals.cluster.ClusterState;
import io.strand.broker.internals.cluster.TopicState;
import io.strand.common.Uuid;
import io.strand.common.message.DeleteTopics;
import io.strand.common.message.DeleteTopics.Response.TopicResult;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** DeleteTopics: by name, and from v6 by name or id. */
public final class DeleteTopicsHandler implements ApiHandler {

    private final ClusterState cluster;

    public DeleteTopicsHandler(ClusterState cluster) {
        this.cluster = cluster;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        List<Struct> results = new ArrayList<>();
        if (context.apiVersion() >= 6) {
            for (Struct t : request.get(DeleteTopics.Request.TOPICS)) {
                String name = t.get(DeleteTopics.Request.TopicState.NAME);
                Uuid id = t.get(DeleteTopics.Request.TopicState.TOPIC_ID);
                if (name == null) {
                    TopicState byId = cluster.topic(id);
                    if (byId == null) {
                        results.add(result(null, id, Errors.UNKNOWN_TOPIC_ID, "Topic id " + id + " does not exist."));
                        continue;
                    }
                    name = byId.name();
                }
                results.add(delete(name));
            }
        } else {
            for (String name : request.get(DeleteTopics.Request.TOPIC_NAMES)) {
                results.add(delete(name));
            }
        }
        Struct response = DeleteTopics.DEFINITION.newResponse();
        response.set(DeleteTopics.Response.RESPONSES, results);
        return Responses.done(response);
    }

    private Struct delete(String name) {
        try {
            TopicState t = cluster.deleteTopic(name);
            return result(name, t.id(), Errors.NONE, null);
        } catch (RuntimeException e) {
            return result(name, Uuid.ZERO_UUID, Responses.errorOf(e), e.getMessage());
        }
    }

    private static Struct result(String name, Uuid id, Errors error, String message) {
        Struct r = TopicResult.SCHEMA.newStruct();
        r.set(TopicResult.NAME, name);
        r.set(TopicResult.TOPIC_ID, id);
        r.set(TopicResult.ERROR_CODE, error.code());
        r.set(TopicResult.ERROR_MESSAGE, message);
        return r;
    }
}
