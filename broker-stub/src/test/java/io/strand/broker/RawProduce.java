package io.strand.broker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strand.common.compress.Compression;
import io.strand.common.message.ListOffsets;
import io.strand.common.message.Produce;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Struct;
import io.strand.common.record.MemoryRecords;
import io.strand.common.record.MemoryRecordsBuilder;
import io.strand.common.record.TimestampType;
import java.io.IOException;
import java.util.List;

/** Produce and ListOffsets requests built by hand, for tests that need control over every batch field. */
final class RawProduce {

    private RawProduce() {
    }

    /** A batch of {@code count} records, idempotent when {@code producerId >= 0}. */
    static ByteBuf batch(long producerId, short epoch, int baseSequence, int count) {
        ByteBuf out = Unpooled.buffer();
        MemoryRecordsBuilder b = MemoryRecords.builder(out, Compression.NONE, TimestampType.CREATE_TIME, 0L);
        if (producerId >= 0) {
            b.producerState(producerId, epoch, baseSequence, false);
        }
        for (int i = 0; i < count; i++) {
            b.append(System.currentTimeMillis(), null, ("r" + i).getBytes());
        }
        b.close();
        return out;
    }

    /** Sends one batch to one partition (Produce v9, acks=all) and returns the partition's response. */
    static Struct produce(RawClient client, String topic, int partition, ByteBuf records) throws IOException {
        Struct p = Produce.Request.PartitionData.SCHEMA.newStruct();
        p.set(Produce.Request.PartitionData.INDEX, partition);
        p.set(Produce.Request.PartitionData.RECORDS, records);
        Struct t = Produce.Request.TopicData.SCHEMA.newStruct();
        t.set(Produce.Request.TopicData.NAME, topic);
        t.set(Produce.Request.TopicData.PARTITION_DATA, List.of(p));
        Struct request = Produce.DEFINITION.newRequest();
        request.setShort(Produce.Request.ACKS, -1);
        request.set(Produce.Request.TIMEOUT_MS, 5000);
        request.set(Produce.Request.TOPIC_DATA, List.of(t));
        Struct response = client.call(ApiKeys.PRODUCE, 10, request);
        return response.get(Produce.Response.RESPONSES).get(0).get(Produce.Response.TopicResponse.PARTITION_RESPONSES)
            .get(0);
    }

    /** ListOffsets latest of one partition. */
    static long endOffset(RawClient client, String topic, int partition) throws IOException {
        Struct p = ListOffsets.Request.ListOffsetsPartition.SCHEMA.newStruct();
        p.set(ListOffsets.Request.ListOffsetsPartition.PARTITION_INDEX, partition);
        p.set(ListOffsets.Request.ListOffsetsPartition.TIMESTAMP, -1L);
        Struct t = ListOffsets.Request.ListOffsetsTopic.SCHEMA.newStruct();
        t.set(ListOffsets.Request.ListOffsetsTopic.NAME, topic);
        t.set(ListOffsets.Request.ListOffsetsTopic.PARTITIONS, List.of(p));
        Struct request = ListOffsets.DEFINITION.newRequest();
        request.set(ListOffsets.Request.REPLICA_ID, -1);
        request.set(ListOffsets.Request.TOPICS, List.of(t));
        Struct r = client.call(ApiKeys.LIST_OFFSETS, 7, request).get(ListOffsets.Response.TOPICS).get(0)
            .get(ListOffsets.Response.ListOffsetsTopicResponse.PARTITIONS).get(0);
        return r.getLong(ListOffsets.Response.ListOffsetsPartitionResponse.OFFSET);
    }
}
