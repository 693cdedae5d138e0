package io.strand.broker.internals.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.strand.common.compress.Compression;
import io.strand.common.record.CompressionType;
import io.strand.common.record.MemoryRecords;
import io.strand.common.record.MemoryRecordsBuilder;
import io.strand.common.record.TimestampType;
import org.apache.kafka.common.record.RecordBatch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Produced batches built with Strand's writer, and the Apache oracle's view of what a log returns. */
final class TestBatches {

    static final long T0 = 1_700_000_000_000L;
    /** What a producer leaves in the base offset field; the log must overwrite it. */
    static final long PRODUCER_BASE_OFFSET = 0L;

    private TestBatches() {
    }

    /** A CreateTime batch of {@code count} records stamped T0 + i, values "v{tag}-{i}". */
    static ByteBuf batch(int count, String tag) {
        long[] timestamps = new long[count];
        for (int i = 0; i < count; i++) {
            timestamps[i] = T0 + i;
        }
        return batch(CompressionType.NONE, timestamps, tag, -1L, (short) -1, -1);
    }

    static ByteBuf batch(CompressionType type, long[] timestamps, String tag, long producerId, short producerEpoch,
                         int baseSequence) {
        ByteBuf out = Unpooled.buffer(256);
        MemoryRecordsBuilder builder = MemoryRecords.builder(out, Compression.of(type).build(), TimestampType.CREATE_TIME,
            PRODUCER_BASE_OFFSET);
        if (producerId >= 0) {
            builder.producerState(producerId, producerEpoch, baseSequence, false);
        }
        for (int i = 0; i < timestamps.length; i++) {
            builder.append(timestamps[i], ("k" + i).getBytes(StandardCharsets.UTF_8), value(tag, i));
        }
        builder.close();
        return out;
    }

    static byte[] value(String tag, int i) {
        return ("v" + tag + "-" + i).getBytes(StandardCharsets.UTF_8);
    }

    static ByteBuf concat(ByteBuf... batches) {
        ByteBuf out = Unpooled.buffer();
        for (ByteBuf b : batches) {
            out.writeBytes(b, b.readerIndex(), b.readableBytes());
        }
        return out;
    }

    static byte[] bytes(ByteBuf buf) {
        return ByteBufUtil.getBytes(buf);
    }

    /** Parses what the log returned with Apache's reader, checks every batch's CRC, and releases {@code read}. */
    static List<RecordBatch> apacheBatches(ByteBuf read) {
        try {
            ByteBuffer copy = ByteBuffer.wrap(bytes(read));
            org.apache.kafka.common.record.MemoryRecords records =
                org.apache.kafka.common.record.MemoryRecords.readableRecords(copy);
            List<RecordBatch> batches = new ArrayList<>();
            int total = 0;
            for (RecordBatch batch : records.batches()) {
                batch.ensureValid();
                assertTrue(batch.isValid());
                batches.add(batch);
                total += batch.sizeInBytes();
            }
            if (total != copy.remaining()) {
                throw new AssertionError("The log returned " + copy.remaining() + " bytes but whole batches cover only " + total);
            }
            return batches;
        } finally {
            read.release();
        }
    }

    static String string(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }
}
