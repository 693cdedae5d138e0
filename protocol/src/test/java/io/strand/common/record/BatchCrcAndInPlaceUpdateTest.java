package io.strand.common.record;

import io.strand.common.header.Header;
import io.strand.common.header.internals.RecordHeader;

import static io.strand.common.record.RecordFixtures.copyOf;
import static io.strand.common.record.RecordFixtures.strand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strand.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BatchCrcAndInPlaceUpdateTest {

    private static ByteBuffer batch(CompressionType type) {
        ByteBuf out = Unpooled.buffer();
        MemoryRecordsBuilder builder = MemoryRecords.builder(out, strand(type), TimestampType.CREATE_TIME, 1000L)
            .producerState(5L, (short) 1, 0, false);
        for (int i = 0; i < 5; i++) {
            builder.append(10L + i, ("k" + i).getBytes(), ("value " + i).getBytes(),
                new Header[] {new RecordHeader("h", new byte[] {(byte) i})});
        }
        builder.close();
        return copyOf(out);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void everyFlippedBitInTheCoveredRegionIsCaught(CompressionType type) {
        ByteBuffer bytes = batch(type);
        DefaultRecordBatch batch = (DefaultRecordBatch) MemoryRecords.readableRecords(bytes).firstBatch();
        assertTrue(batch.isValid());
        for (int index = DefaultRecordBatch.CRC_OFFSET; index < bytes.limit(); index++) {
            for (int bit = 0; bit < 8; bit++) {
                byte original = bytes.get(index);
                bytes.put(index, (byte) (original ^ (1 << bit)));
                assertFalse(batch.isValid(), "bit " + bit + " of byte " + index);
                CorruptRecordException e = assertThrows(CorruptRecordException.class, batch::ensureValid);
                assertTrue(e.getMessage().contains("offset 1000") && e.getMessage().contains("CRC-32C"), e.getMessage());
                bytes.put(index, original);
            }
        }
        assertTrue(batch.isValid());
    }

    @Test
    void baseOffsetAndLeaderEpochAreOutsideTheCrc() {
        ByteBuffer bytes = batch(CompressionType.NONE);
        DefaultRecordBatch batch = (DefaultRecordBatch) MemoryRecords.readableRecords(bytes).firstBatch();
        for (int index : new int[] {0, 7, DefaultRecordBatch.PARTITION_LEADER_EPOCH_OFFSET, 15}) {
            bytes.put(index, (byte) (bytes.get(index) ^ 0x5A));
            assertTrue(batch.isValid(), "byte " + index);
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void brokerFieldsSetInPlaceKeepTheBatchValidForApache(CompressionType type) {
        ByteBuffer bytes = batch(type);
        MutableRecordBatch batch = MemoryRecords.readableRecords(bytes).firstBatch();
        long crcBefore = batch.checksum();
        batch.setBaseOffset(5000L);
        batch.setPartitionLeaderEpoch(7);
        assertEquals(crcBefore, batch.checksum(), "offset and epoch are not covered by the CRC");
        batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, 123_456L);
        batch.ensureValid();

        org.apache.kafka.common.record.RecordBatch apache =
            org.apache.kafka.common.record.MemoryRecords.readableRecords(bytes.duplicate()).batches().iterator().next();
        apache.ensureValid();
        assertEquals(5000L, apache.baseOffset());
        assertEquals(7, apache.partitionLeaderEpoch());
        assertEquals(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME, apache.timestampType());
        long offset = 5000L;
        for (org.apache.kafka.common.record.Record r : apache) {
            assertEquals(offset++, r.offset());
            assertEquals(123_456L, r.timestamp());
        }
        for (Record r : batch) {
            assertEquals(123_456L, r.timestamp());
        }

        batch.setLastOffset(9004L);
        assertEquals(9000L, batch.baseOffset());
        batch.setMaxTimestamp(TimestampType.CREATE_TIME, 14L);
        batch.ensureValid();
        assertEquals(TimestampType.CREATE_TIME, batch.timestampType());
    }
}
