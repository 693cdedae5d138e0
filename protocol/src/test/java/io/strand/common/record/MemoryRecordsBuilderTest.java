package io.strand.common.record;

import static io.strand.common.record.RecordFixtures.strand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.strand.common.compress.Compression;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MemoryRecordsBuilderTest {

    private static final byte[] VALUE = new byte[100];

    @Test
    void uncompressedSizeEstimateIsExactAndTheLimitHolds() {
        ByteBuf out = Unpooled.buffer();
        MemoryRecordsBuilder builder = MemoryRecords.builder(out, Compression.NONE, TimestampType.CREATE_TIME, 0)
            .writeLimit(1024);
        int appended = 0;
        while (builder.hasRoomFor(10L, null, VALUE, null)) {
            int before = builder.estimatedSizeInBytes();
            builder.append(10L, null, VALUE);
            appended++;
            assertEquals(out.writerIndex(), builder.estimatedSizeInBytes());
            assertEquals(before + DefaultRecord.sizeInBytes(appended - 1, 0, -1, VALUE.length, Record.EMPTY_HEADERS),
                builder.estimatedSizeInBytes());
        }
        assertTrue(builder.estimatedSizeInBytes() <= 1024);
        assertTrue(builder.estimatedSizeInBytes() + 100 > 1024, "stops only when the next record would not fit");
        builder.close();
        assertEquals(out.writerIndex(), builder.estimatedSizeInBytes());
        assertEquals(appended, MemoryRecords.readableRecords(out).firstBatch().countOrNull());
    }

    @Test
    void theFirstRecordAlwaysFitsAndMakesTheBatchFull() {
        MemoryRecordsBuilder builder = MemoryRecords.builder(Unpooled.buffer(), Compression.NONE, TimestampType.CREATE_TIME, 0)
            .writeLimit(64);
        assertTrue(builder.hasRoomFor(0L, null, new byte[1000], null));
        builder.append(0L, null, new byte[1000]);
        assertTrue(builder.isFull());
        assertFalse(builder.hasRoomFor(0L, null, new byte[1], null));
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void compressedEstimatesFollowTheGivenRatio(CompressionType type) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(Unpooled.buffer(), strand(type), TimestampType.CREATE_TIME, 0)
            .writeLimit(16 * 1024).estimatedCompressionRatio(0.5f);
        int n = 0;
        while (builder.hasRoomFor(0L, null, VALUE, null)) {
            builder.append(0L, null, VALUE);
            n++;
        }
        int uncompressed = builder.uncompressedBytesWritten();
        assertTrue(uncompressed > 16 * 1024 && uncompressed < 2 * 16 * 1024, "about twice the limit: " + uncompressed);
        builder.close();
        assertTrue(builder.estimatedSizeInBytes() < 16 * 1024);
        assertTrue(builder.compressionRatio() < 0.5f, "zeros compress well: " + builder.compressionRatio());
        assertEquals(n, RecordFixtures.list(MemoryRecords.readableRecords(builder.batch()).records()).size());
    }

    @Test
    void byteBufferFieldsKeepTheirPositions() {
        ByteBuffer key = ByteBuffer.wrap("xxkey".getBytes()).position(2);
        ByteBuffer value = ByteBuffer.allocateDirect(10).put("value".getBytes()).flip();
        MemoryRecordsBuilder builder = MemoryRecords.builder(Unpooled.buffer(), Compression.NONE, TimestampType.CREATE_TIME, 0);
        builder.append(1L, key, value, null);
        assertEquals(2, key.position());
        assertEquals(0, value.position());
        Record r = builder.build().records().iterator().next();
        assertEquals("key", new String(RecordFixtures.bytes(r.key())));
        assertEquals("value", new String(RecordFixtures.bytes(r.value())));
    }

    @Test
    void anEmptyBuilderWritesNothing() {
        ByteBuf out = Unpooled.buffer();
        out.writeInt(7);
        MemoryRecordsBuilder builder = MemoryRecords.builder(out, Compression.NONE, TimestampType.CREATE_TIME, 0);
        builder.close();
        assertEquals(4, out.writerIndex());
        assertEquals(0, builder.estimatedSizeInBytes());
    }

    @Test
    void controlAndTimestampRulesAreEnforced() {
        MemoryRecordsBuilder data = MemoryRecords.builder(Unpooled.buffer(), Compression.NONE, TimestampType.CREATE_TIME, 0);
        assertThrows(IllegalArgumentException.class, () -> data.appendControlRecord(1L, ControlRecordType.COMMIT, null));
        assertThrows(IllegalArgumentException.class, () -> data.append(-2L, null, VALUE));
        data.append(RecordBatch.NO_TIMESTAMP, null, VALUE);
        assertThrows(IllegalStateException.class, () -> data.controlBatch(true));

        MemoryRecordsBuilder control = MemoryRecords.builder(Unpooled.buffer(), Compression.NONE, TimestampType.CREATE_TIME, 0)
            .controlBatch(true);
        assertThrows(IllegalArgumentException.class, () -> control.append(1L, null, VALUE));
        assertThrows(IllegalArgumentException.class,
            () -> control.appendEndTxnMarker(1L, new EndTransactionMarker(ControlRecordType.ABORT, 0)));

        MemoryRecordsBuilder appendTime = MemoryRecords.builder(Unpooled.buffer(), Compression.NONE, TimestampType.LOG_APPEND_TIME, 0);
        appendTime.append(1L, null, VALUE);
        assertThrows(IllegalStateException.class, appendTime::close);
        assertThrows(IllegalArgumentException.class,
            () -> MemoryRecords.builder(Unpooled.buffer(), Compression.NONE, TimestampType.NO_TIMESTAMP_TYPE, 0));
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void pooledBuffersAreReturned(CompressionType type) {
        PooledByteBufAllocator allocator = new PooledByteBufAllocator(true);
        ByteBuf out = allocator.directBuffer(1024);
        MemoryRecordsBuilder builder = MemoryRecords.builder(out, strand(type), TimestampType.CREATE_TIME, 0);
        for (int i = 0; i < 100; i++) {
            builder.append(i, null, VALUE);
        }
        builder.close();
        assertEquals(100, RecordFixtures.list(MemoryRecords.readableRecords(out).records()).size());
        out.release();
        assertEquals(0, allocator.metric().directArenas().stream().mapToLong(a -> a.numActiveAllocations()).sum(),
            "the compression scratch went back to the pool");
    }
}
