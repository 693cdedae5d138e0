package io.strand.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.strand.common.compress.Compression;
import io.strand.common.record.CompressionType;
import io.strand.common.record.MemoryRecords;
import io.strand.common.record.MemoryRecordsBuilder;
import io.strand.common.record.TimestampType;
import java.nio.ByteBuffer;
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
 * Encoding and compressing one batch of 100-byte records, the producer's per-batch work: Strand
 * into a pooled buffer, and Apache kafka-clients' builder on the same records for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordBatchBuildBenchmark {

    @Param({"none", "gzip", "snappy", "lz4", "zstd"})
    public String codec;

    @Param({"100", "1000"})
    public int records;

    private byte[][] values;
    private Compression compression;
    private org.apache.kafka.common.compress.Compression apacheCompression;
    private ByteBuffer apacheBuffer;
    private final PooledByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;

    @Setup
    public void setup() {
        values = BenchRecords.values(records);
        CompressionType type = CompressionType.forName(codec);
        compression = Compression.of(type).build();
        apacheCompression = org.apache.kafka.common.compress.Compression.of(codec).build();
        apacheBuffer = ByteBuffer.allocate(records * (BenchRecords.VALUE_SIZE + 32) + 1024);
    }

    @Benchmark
    public int strandBuild() {
        ByteBuf out = allocator.heapBuffer(records * (BenchRecords.VALUE_SIZE + 32) + 1024);
        try {
            MemoryRecordsBuilder builder = MemoryRecords.builder(out, compression, TimestampType.CREATE_TIME, 0L)
                .producerState(1000L, (short) 0, 0, false);
            long timestamp = 1_700_000_000_000L;
            for (byte[] value : values) {
                builder.append(timestamp++, null, value);
            }
            builder.close();
            return out.readableBytes();
        } finally {
            out.release();
        }
    }

    @Benchmark
    public int apacheBuild() {
        apacheBuffer.clear();
        org.apache.kafka.common.record.MemoryRecordsBuilder builder = org.apache.kafka.common.record.MemoryRecords.builder(
            apacheBuffer, org.apache.kafka.common.record.RecordBatch.MAGIC_VALUE_V2, apacheCompression,
            org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0L,
            org.apache.kafka.common.record.RecordBatch.NO_TIMESTAMP, 1000L, (short) 0, 0, false,
            org.apache.kafka.common.record.RecordBatch.NO_PARTITION_LEADER_EPOCH);
        long timestamp = 1_700_000_000_000L;
        for (byte[] value : values) {
            builder.append(timestamp++, (byte[]) null, value);
        }
        return builder.build().sizeInBytes();
    }
}
