package io.strand.common.record;

import static io.strand.common.record.RecordFixtures.apache;
import static io.strand.common.record.RecordFixtures.bytes;
import static io.strand.common.record.RecordFixtures.list;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Magic 0 and 1 message sets. Apache kafka-clients 4.1 still builds them (none, gzip, snappy and
 * lz4; zstd needs magic 2), so the oracle writes them and Strand's reading is compared with
 * Apache's own reading of the same bytes.
 */
class LegacyMessageSetTest {

    static List<Arguments> legacyFormats() {
        List<Arguments> args = new ArrayList<>();
        for (byte magic : new byte[] {0, 1}) {
            for (CompressionType type : new CompressionType[] {CompressionType.NONE, CompressionType.GZIP,
                CompressionType.SNAPPY, CompressionType.LZ4}) {
                args.add(Arguments.of(magic, type, org.apache.kafka.common.record.TimestampType.CREATE_TIME));
                if (magic == 1) {
                    args.add(Arguments.of(magic, type, org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME));
                }
            }
        }
        return args;
    }

    private static ByteBuffer apacheLegacy(byte magic, CompressionType type,
                                           org.apache.kafka.common.record.TimestampType timestampType) {
        org.apache.kafka.common.record.MemoryRecordsBuilder builder = org.apache.kafka.common.record.MemoryRecords.builder(
            ByteBuffer.allocate(4096), magic, apache(type),
            magic == 0 ? org.apache.kafka.common.record.TimestampType.NO_TIMESTAMP_TYPE : timestampType, 300L, 99_999L);
        for (int i = 0; i < 6; i++) {
            byte[] key = i == 2 ? null : ("key" + i).getBytes();
            byte[] value = i == 4 ? null : ("legacy value " + i).repeat(i + 1).getBytes();
            builder.append(1_000L + i * 7, key, value);
        }
        return builder.build().buffer();
    }

    @ParameterizedTest(name = "magic {0}, {1}, {2}")
    @MethodSource("legacyFormats")
    void strandReadsWhatApacheReads(byte magic, CompressionType type,
                                    org.apache.kafka.common.record.TimestampType timestampType) {
        ByteBuffer bytes = apacheLegacy(magic, type, timestampType);
        org.apache.kafka.common.record.MemoryRecords oracle =
            org.apache.kafka.common.record.MemoryRecords.readableRecords(bytes.duplicate());
        MemoryRecords records = MemoryRecords.readableRecords(bytes.duplicate());

        List<org.apache.kafka.common.record.MutableRecordBatch> expectedBatches = list(oracle.batches());
        List<MutableRecordBatch> batches = list(records.batches());
        assertEquals(expectedBatches.size(), batches.size());
        assertEquals(type == CompressionType.NONE ? 6 : 1, batches.size());
        for (int b = 0; b < batches.size(); b++) {
            org.apache.kafka.common.record.MutableRecordBatch expected = expectedBatches.get(b);
            MutableRecordBatch batch = batches.get(b);
            batch.ensureValid();
            assertEquals(magic, batch.magic());
            assertEquals(type, batch.compressionType());
            assertEquals(expected.baseOffset(), batch.baseOffset());
            assertEquals(expected.lastOffset(), batch.lastOffset());
            assertEquals(expected.checksum(), batch.checksum());
            assertEquals(expected.maxTimestamp(), batch.maxTimestamp());
            assertEquals(expected.timestampType().name, batch.timestampType().name);
            assertEquals(expected.sizeInBytes(), batch.sizeInBytes());
            // Apache answers null for every legacy batch; Strand knows an uncompressed one holds one message.
            assertEquals(type == CompressionType.NONE ? Integer.valueOf(1) : null, batch.countOrNull());
            assertFalse(batch.isControlBatch());
            assertEquals(RecordBatch.NO_PRODUCER_ID, batch.producerId());
            assertThrows(UnsupportedOperationException.class, () -> batch.setBaseOffset(1));
        }

        List<org.apache.kafka.common.record.Record> expectedRecords = list(oracle.records());
        List<Record> read = list(records.records());
        assertEquals(6, read.size());
        assertEquals(expectedRecords.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            org.apache.kafka.common.record.Record expected = expectedRecords.get(i);
            Record r = read.get(i);
            String where = "magic " + magic + " " + type + " record " + i;
            assertEquals(300L + i, r.offset(), where);
            assertEquals(expected.offset(), r.offset(), where);
            assertEquals(expected.timestamp(), r.timestamp(), where);
            if (magic == 0) {
                assertEquals(RecordBatch.NO_TIMESTAMP, r.timestamp(), where);
            } else if (timestampType == org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME) {
                assertEquals(99_999L, r.timestamp(), where);
            } else {
                assertEquals(1_000L + i * 7, r.timestamp(), where);
            }
            assertArrayEquals(bytes(expected.key()), bytes(r.key()), where);
            assertArrayEquals(bytes(expected.value()), bytes(r.value()), where);
            assertEquals(0, r.headers().length);
            assertTrue(r.isValid(), where);
        }
    }

    @ParameterizedTest(name = "magic {0}, {1}, {2}")
    @MethodSource("legacyFormats")
    void aFlippedBitFailsTheLegacyCrc(byte magic, CompressionType type,
                                      org.apache.kafka.common.record.TimestampType timestampType) {
        ByteBuffer bytes = apacheLegacy(magic, type, timestampType);
        MutableRecordBatch batch = MemoryRecords.readableRecords(bytes).firstBatch();
        for (int index = LegacyRecord.MAGIC_OFFSET + 1; index < batch.sizeInBytes(); index++) {
            bytes.put(index, (byte) (bytes.get(index) ^ 0x10));
            assertFalse(batch.isValid(), "byte " + index);
            CorruptRecordException e = assertThrows(CorruptRecordException.class, batch::ensureValid);
            assertTrue(e.getMessage().contains("CRC-32"), e.getMessage());
            bytes.put(index, (byte) (bytes.get(index) ^ 0x10));
        }
        assertTrue(batch.isValid());
    }

    @ParameterizedTest(name = "magic {0}, {1}, {2}")
    @MethodSource("legacyFormats")
    void mutatedMessagesNeverEscapeAsAnotherException(byte magic, CompressionType type,
                                                      org.apache.kafka.common.record.TimestampType timestampType) {
        ByteBuffer original = apacheLegacy(magic, type, timestampType);
        java.util.Random random = new java.util.Random(magic * 10 + type.id);
        for (int i = 0; i < 300; i++) {
            ByteBuffer bytes = ByteBuffer.allocate(original.limit()).put(original.duplicate()).flip();
            int index = LegacyRecord.MAGIC_OFFSET + 1 + random.nextInt(bytes.limit() - LegacyRecord.MAGIC_OFFSET - 1);
            bytes.put(index, (byte) random.nextInt(256));
            MalformedRecordsTest.readTolerantly(bytes, "magic " + magic + " " + type + " mutation " + i);
        }
    }
}
