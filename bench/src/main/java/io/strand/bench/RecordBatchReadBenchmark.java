package io.strand.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.strand.common.compress.Compression;
import io.strand.common.record.CompressionType;
import io.strand.common.record.MemoryRecords;
import io.strand.common.record.MemoryRecordsBuilder;
import io.strand.common.record.MutableRecordBatch;
import io.strand.common.record.Record;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * A consumer's per-batch work on a batch of 100-byte records: check the CRC, decompress once,
 * and touch every record's value. Strand and Apache kafka-clients read the same bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordBatchReadBenchmark {

    @Param({"none", "gzip", "snappy", "lz4", "zstd"})
    public String codec;

    @Param({"100", "1000"})
    public int records;

    private ByteBuffer batch;

    @Setup
    public void setup() {
        ByteBuf out = Unpooled.buffer();
        MemoryRecordsBuilder builder = MemoryRecords.builder(out, Compression.of(CompressionType.forName(codec)).build(),
            TimestampType.CREATE_TIME, 0L);
        long timestamp = 1_700_000_000_000L;
        for (byte[] value : BenchRecords.values(records)) {
            builder.append(timestamp++, null, value);
        }
        builder.close();
        batch = ByteBuffer.wrap(ByteBufUtil.getBytes(out));
    }

    @Benchmark
    public void strandRead(Blackhole bh) {
        for (MutableRecordBatch b : MemoryRecords.readableRecords(batch.duplicate()).batches()) {
            b.ensureValid();
            for (Record r : b) {
                bh.consume(r.offset());
                bh.consume(r.value());
            }
        }
    }

    @Benchmark
    public void apacheRead(Blackhole bh) {
        for (org.apache.kafka.common.record.MutableRecordBatch b
            : org.apache.kafka.common.record.MemoryRecords.readableRecords(batch.duplicate()).batches()) {
            b.ensureValid();
            try (org.apache.kafka.common.utils.CloseableIterator<org.apache.kafka.common.record.Record> it =
                     b.streamingIterator(org.apache.kafka.common.utils.BufferSupplier.NO_CACHING)) {
                while (it.hasNext()) {
                    org.apache.kafka.common.record.Record r = it.next();
                    bh.consume(r.offset());
                    bh.consume(r.value());
                }
            }
        }
    }
}
