package io.strand.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.strand.common.message.Frames;
import io.strand.common.message.Produce;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.RequestHeader;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding a whole Produce request frame (size, header v2, body) into a pooled buffer: what the
 * sender thread pays per request on top of the batches it already built. Each partition carries
 * a 16 KiB batch, the default batch.size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProduceRequestEncodeBenchmark {

    @Param({"1", "10", "100"})
    public int partitions;

    @Param({"9", "13"})
    public short version;

    private Struct request;
    private RequestHeader header;
    private final PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

    @Setup
    public void setup() {
        ByteBuf batch = Unpooled.directBuffer(16384).writeZero(16384);
        int topics = Math.max(1, partitions / 10);
        List<Struct> topicData = new ArrayList<>();
        for (int t = 0; t < topics; t++) {
            List<Struct> parts = new ArrayList<>();
            for (int p = 0; p < partitions / topics; p++) {
                parts.add(Produce.Request.PartitionData.SCHEMA.newStruct()
                    .set(Produce.Request.PartitionData.INDEX, p)
                    .set(Produce.Request.PartitionData.RECORDS, batch));
            }
            Struct topic = Produce.Request.TopicData.SCHEMA.newStruct()
                .set(Produce.Request.TopicData.PARTITION_DATA, parts);
            if (version >= 13) {
                topic.set(Produce.Request.TopicData.TOPIC_ID, io.strand.common.Uuid.randomUuid());
            } else {
                topic.set(Produce.Request.TopicData.NAME, "bench-topic-" + t);
            }
            topicData.add(topic);
        }
        request = Produce.DEFINITION.newRequest()
            .setShort(Produce.Request.ACKS, -1)
            .set(Produce.Request.TIMEOUT_MS, 30000)
            .set(Produce.Request.TOPIC_DATA, topicData);
        header = new RequestHeader(ApiKeys.PRODUCE, version, "bench-producer", 1);
    }

    @Benchmark
    public int encodeProduceRequest() {
        ByteBuf frame = Frames.encodeRequest(alloc, header, request);
        int size = frame.readableBytes();
        frame.release();
        return size;
    }
}
