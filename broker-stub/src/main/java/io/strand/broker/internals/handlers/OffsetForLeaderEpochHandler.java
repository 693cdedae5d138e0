package io.strand.broker.internals.handlers;

import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.RequestContext;
import io.strand.broker.internals.data.PartitionAccess;
import io.strand.broker.internals.log.EpochEndOffset;
import io.strand.common.message.OffsetForLeaderEpoch;
import io.strand.common.message.OffsetForLeaderEpoch.Request.OffsetForLeaderPartition;
import io.strand.common.message.OffsetForLeaderEpoch.Request.OffsetForLeaderTopic;
import io.strand.common.message.OffsetForLeaderEpoch.Response.OffsetForLeaderTopicResult;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** OffsetForLeaderEpoch: where an epoch ended in the log, so consumers can validate positions after a leader change. */
public final class OffsetForLeaderEpochHandler implements ApiHandler {

    private final PartitionAccess access;

    public OffsetForLeaderEpochHandler(PartitionAccess access) {
        this.access = access;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        List<Struct> topics = new ArrayList<>();
        for (Struct t : request.get(OffsetForLeaderEpoch.Request.TOPICS)) {
            String name = t.get(OffsetForLeaderTopic.TOPIC);
            List<Struct> partitions = new ArrayList<>();
            for (Struct p : t.get(OffsetForLeaderTopic.PARTITIONS)) {
                int index = p.getInt(OffsetForLeaderPartition.PARTITION);
                Struct r = OffsetForLeaderEpoch.Response.EpochEndOffset.SCHEMA.newStruct();
                r.set(OffsetForLeaderEpoch.Response.EpochEndOffset.PARTITION, index);
                PartitionAccess.Resolved resolved = access.resolve(context, name, index,
                    p.getInt(OffsetForLeaderPartition.CURRENT_LEADER_EPOCH));
                Errors error = resolved.error();
                if (resolved.ok()) {
                    try {
                        EpochEndOffset end = resolved.data().log()
                            .endOffsetForEpoch(p.getInt(OffsetForLeaderPartition.LEADER_EPOCH));
                        r.set(OffsetForLeaderEpoch.Response.EpochEndOffset.LEADER_EPOCH, end.leaderEpoch());
                        r.set(OffsetForLeaderEpoch.Response.EpochEndOffset.END_OFFSET, end.endOffset());
                    } catch (RuntimeException e) {
                        error = Responses.errorOf(e);
                    }
                }
                r.set(OffsetForLeaderEpoch.Response.EpochEndOffset.ERROR_CODE, error.code());
                partitions.add(r);
            }
            Struct tr = OffsetForLeaderTopicResult.SCHEMA.newStruct();
            tr.set(OffsetForLeaderTopicResult.TOPIC, name);
            tr.set(OffsetForLeaderTopicResult.PARTITIONS, partitions);
            topics.add(tr);
        }
        Struct response = OffsetForLeaderEpoch.DEFINITION.newResponse();
        response.set(OffsetForLeaderEpoch.Response.TOPICS, topics);
        return Responses.done(response);
    }
}
