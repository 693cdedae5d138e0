package io.strand.broker.internals.handlers;

import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.RequestContext;
import io.strand.broker.internals.data.PartitionAccess;
import io.strand.broker.internals.log.PartitionLog;
import io.strand.common.message.DeleteRecords;
import io.strand.common.message.DeleteRecords.Request.DeleteRecordsPartition;
import io.strand.common.message.DeleteRecords.Request.DeleteRecordsTopic;
import io.strand.common.message.DeleteRecords.Response.DeleteRecordsPartitionResult;
import io.strand.common.message.DeleteRecords.Response.DeleteRecordsTopicResult;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** DeleteRecords: moves log start offsets forward; -1 means up to the high watermark. */
public final class DeleteRecordsHandler implements ApiHandler {

    private final PartitionAccess access;

    public DeleteRecordsHandler(PartitionAccess access) {
        this.access = access;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        List<Struct> topics = new ArrayList<>();
        for (Struct t : request.get(DeleteRecords.Request.TOPICS)) {
            String name = t.get(DeleteRecordsTopic.NAME);
            List<Struct> partitions = new ArrayList<>();
            for (Struct p : t.get(DeleteRecordsTopic.PARTITIONS)) {
                int index = p.getInt(DeleteRecordsPartition.PARTITION_INDEX);
                Struct r = DeleteRecordsPartitionResult.SCHEMA.newStruct();
                r.set(DeleteRecordsPartitionResult.PARTITION_INDEX, index);
                r.set(DeleteRecordsPartitionResult.LOW_WATERMARK, -1L);
                PartitionAccess.Resolved resolved = access.resolve(context, name, index, -1);
                Errors error = resolved.error();
                if (resolved.ok()) {
                    PartitionLog log = resolved.data().log();
                    try {
                        long offset = p.getLong(DeleteRecordsPartition.OFFSET);
                        long before = offset == -1L ? log.logEndOffset() : offset;
                        if (before < 0) {
                            throw new io.strand.common.errors.OffsetOutOfRangeException("Cannot delete records before "
                                + "negative offset " + offset);
                        }
                        r.set(DeleteRecordsPartitionResult.LOW_WATERMARK, log.deleteRecordsBefore(before));
                    } catch (RuntimeException e) {
                        error = Responses.errorOf(e);
                    }
                }
                r.set(DeleteRecordsPartitionResult.ERROR_CODE, error.code());
                partitions.add(r);
            }
            Struct tr = DeleteRecordsTopicResult.SCHEMA.newStruct();
            tr.set(DeleteRecordsTopicResult.NAME, name);
            tr.set(DeleteRecordsTopicResult.PARTITIONS, partitions);
            topics.add(tr);
        }
        Struct response = DeleteRecords.DEFINITION.newResponse();
        response.set(DeleteRecords.Response.TOPICS, topics);
        return Responses.done(response);
    }
}
