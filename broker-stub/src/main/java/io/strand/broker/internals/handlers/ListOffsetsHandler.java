package io.strand.broker.internals.handlers;

import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.RequestContext;
import io.strand.broker.internals.data.PartitionAccess;
import io.strand.broker.internals.log.PartitionLog;
import io.strand.broker.internals.log.TimestampAndOffset;
import io.strand.common.message.ListOffsets;
import io.strand.common.message.ListOffsets.Request.ListOffsetsPartition;
import io.strand.common.message.ListOffsets.Request.ListOffsetsTopic;
import io.strand.common.message.ListOffsets.Response.ListOffsetsPartitionResponse;
import io.strand.common.message.ListOffsets.Response.ListOffsetsTopicResponse;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ListOffsets: latest (-1), earliest (-2), max timestamp (-3), earliest local (-4, the same as
 * earliest: nothing is tiered here), and offsets by timestamp. With one in-process replica the
 * high watermark and the last stable offset are both the log end.
 */
public final class ListOffsetsHandler implements ApiHandler {

    private static final long LATEST = -1L;
    private static final long EARLIEST = -2L;
    private static final long MAX_TIMESTAMP = -3L;
    private static final long EARLIEST_LOCAL = -4L;

    private final PartitionAccess access;

    public ListOffsetsHandler(PartitionAccess access) {
        this.access = access;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        List<Struct> topics = new ArrayList<>();
        for (Struct t : request.get(ListOffsets.Request.TOPICS)) {
            String name = t.get(ListOffsetsTopic.NAME);
            List<Struct> partitions = new ArrayList<>();
            for (Struct p : t.get(ListOffsetsTopic.PARTITIONS)) {
                partitions.add(lookup(context, name, p));
            }
            Struct tr = ListOffsetsTopicResponse.SCHEMA.newStruct();
            tr.set(ListOffsetsTopicResponse.NAME, name);
            tr.set(ListOffsetsTopicResponse.PARTITIONS, partitions);
            topics.add(tr);
        }
        Struct response = ListOffsets.DEFINITION.newResponse();
        response.set(ListOffsets.Response.TOPICS, topics);
        return Responses.done(response);
    }

    private Struct lookup(RequestContext context, String topic, Struct p) {
        int index = p.getInt(ListOffsetsPartition.PARTITION_INDEX);
        Struct r = ListOffsetsPartitionResponse.SCHEMA.newStruct();
        r.set(ListOffsetsPartitionResponse.PARTITION_INDEX, index);
        PartitionAccess.Resolved resolved = access.resolve(context, topic, index,
            p.getInt(ListOffsetsPartition.CURRENT_LEADER_EPOCH));
        if (!resolved.ok()) {
            r.set(ListOffsetsPartitionResponse.ERROR_CODE, resolved.error().code());
            return r;
        }
        PartitionLog log = resolved.data().log();
        long timestamp = p.getLong(ListOffsetsPartition.TIMESTAMP);
        int epoch = resolved.leaderEpoch();
        try {
            if (timestamp == LATEST) {
                found(r, context.apiVersion(), -1L, log.logEndOffset(), epoch);
            } else if (timestamp == EARLIEST || timestamp == EARLIEST_LOCAL) {
                found(r, context.apiVersion(), -1L, log.logStartOffset(), epoch);
            } else if (timestamp == MAX_TIMESTAMP) {
                TimestampAndOffset max = log.maxTimestamp();
                found(r, context.apiVersion(), max == null ? -1L : max.timestamp(), max == null ? -1L : max.offset(),
                    max == null ? -1 : max.leaderEpoch());
            } else if (timestamp >= 0) {
                TimestampAndOffset at = log.offsetForTimestamp(timestamp);
                found(r, context.apiVersion(), at == null ? -1L : at.timestamp(), at == null ? -1L : at.offset(),
                    at == null ? -1 : at.leaderEpoch());
            } else {
                // Other sentinels ask about tiered storage, which this broker has none of.
                found(r, context.apiVersion(), -1L, -1L, -1);
            }
            r.set(ListOffsetsPartitionResponse.ERROR_CODE, Errors.NONE.code());
        } catch (RuntimeException e) {
            r.set(ListOffsetsPartitionResponse.ERROR_CODE, Responses.errorOf(e).code());
        }
        return r;
    }

    private static void found(Struct r, short version, long timestamp, long offset, int epoch) {
        r.set(ListOffsetsPartitionResponse.TIMESTAMP, timestamp);
        r.set(ListOffsetsPartitionResponse.OFFSET, offset);
        if (version >= 4) {
            r.set(ListOffsetsPartitionResponse.LEADER_EPOCH, epoch);
        }
    }
}
