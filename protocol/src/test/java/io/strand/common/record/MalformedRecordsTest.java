package io.strand.common.record;

import io.strand.common.header.Header;
import io.strand.common.header.internals.RecordHeader;

import static io.strand.common.record.RecordFixtures.copyOf;
import static io.strand.common.record.RecordFixtures.list;
import static io.strand.common.record.RecordFixtures.strand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strand.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile and damaged input: every failure must be a CorruptRecordException naming what was
 * wrong, never another exception, an OutOfMemoryError or a hang. Loops are bounded by counts.
 */
class MalformedRecordsTest {

    private static ByteBuffer batch(CompressionType type, long baseOffset, int records, int valueSize) {
        ByteBuf out = Unpooled.buffer();
        MemoryRecordsBuilder builder = MemoryRecords.builder(out, strand(type), TimestampType.CREATE_TIME, baseOffset);
        for (int i = 0; i < records; i++) {
            builder.append(100L + i, ("key" + i).getBytes(), new byte[valueSize],
                new Header[] {new RecordHeader("h" + i, ("v" + i).getBytes())});
        }
        builder.close();
        return copyOf(out);
    }

    /** Reads every record of every batch without checking CRCs, so that the decoder sees the damage. */
    private static int readAll(ByteBuffer bytes) {
        int count = 0;
        for (Record r : MemoryRecords.readableRecords(bytes).records()) {
            r.key();
            r.value();
            r.headers();
            count++;
        }
        return count;
    }

    private static CorruptRecordException assertCorrupt(ByteBuffer bytes, String... fragments) {
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> readAll(bytes));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
        }
        return e;
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void aPartialBatchAtTheEndIsSkipped(CompressionType type) {
        ByteBuffer first = batch(type, 0, 3, 20);
        ByteBuffer second = batch(type, 3, 3, 20);
        ByteBuffer both = ByteBuffer.allocate(first.remaining() + second.remaining()).put(first).put(second);
        int firstSize = first.limit();
        for (int cut = 0; cut < both.capacity(); cut++) {
            ByteBuffer truncated = both.duplicate().position(0).limit(cut);
            int expected = cut < firstSize ? 0 : 3;
            assertEquals(expected, readAll(truncated), "cut at " + cut);
        }
        assertEquals(6, readAll(both.duplicate().clear()));
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void aBatchWhoseLengthWasShortenedFailsItsCrcAndItsDecoding(CompressionType type) {
        ByteBuffer bytes = batch(type, 0, 4, 30);
        for (int size = DefaultRecordBatch.RECORD_BATCH_OVERHEAD; size < bytes.limit(); size++) {
            ByteBuffer truncated = ByteBuffer.allocate(size).put(bytes.duplicate().limit(size)).flip();
            truncated.putInt(DefaultRecordBatch.LENGTH_OFFSET, size - DefaultRecordBatch.LOG_OVERHEAD);
            assertThrows(CorruptRecordException.class, () -> MemoryRecords.readableRecords(truncated).firstBatch().ensureValid());
            assertCorrupt(truncated, "offset 0");
        }
    }

    @Test
    void batchLengthsBelowTheSmallestMessageAreRejected() {
        ByteBuffer bytes = batch(CompressionType.NONE, 0, 1, 1);
        for (int length : new int[] {-1, Integer.MIN_VALUE, 0, 13}) {
            bytes.putInt(DefaultRecordBatch.LENGTH_OFFSET, length);
            assertCorrupt(bytes.duplicate(), "length " + length);
        }
        bytes.putInt(DefaultRecordBatch.LENGTH_OFFSET, 30); // complete, but shorter than a v2 header
        assertCorrupt(bytes.duplicate(), "61-byte header");
    }

    @Test
    void anOversizedBatchLengthIsAPartialBatch() {
        ByteBuffer bytes = batch(CompressionType.NONE, 0, 1, 1);
        bytes.putInt(DefaultRecordBatch.LENGTH_OFFSET, Integer.MAX_VALUE);
        assertEquals(0, readAll(bytes));
    }

    @Test
    void unknownMagicIsRejected() {
        ByteBuffer bytes = batch(CompressionType.NONE, 0, 1, 1);
        bytes.put(DefaultRecordBatch.MAGIC_OFFSET, (byte) 3);
        assertCorrupt(bytes, "unknown magic 3");
    }

    @Test
    void unknownCompressionIdIsRejected() {
        ByteBuffer bytes = batch(CompressionType.NONE, 0, 1, 1);
        bytes.putShort(DefaultRecordBatch.ATTRIBUTES_OFFSET, (short) 6);
        assertCorrupt(bytes, "compression type id 6");
    }

    @Test
    void recordCountsThatDisagreeWithTheBytesAreRejected() {
        ByteBuffer bytes = batch(CompressionType.NONE, 0, 3, 5);
        bytes.putInt(DefaultRecordBatch.RECORDS_COUNT_OFFSET, 2);
        assertCorrupt(bytes.duplicate(), "follow the last of the 2 records");
        bytes.putInt(DefaultRecordBatch.RECORDS_COUNT_OFFSET, 4);
        assertCorrupt(bytes.duplicate(), "record 3");
        bytes.putInt(DefaultRecordBatch.RECORDS_COUNT_OFFSET, -1);
        assertCorrupt(bytes.duplicate(), "declares -1 records");
        bytes.putInt(DefaultRecordBatch.RECORDS_COUNT_OFFSET, Integer.MAX_VALUE);
        assertCorrupt(bytes.duplicate(), "declares " + Integer.MAX_VALUE + " records");
    }

    /** The first record starts right after the header: length varint, attributes, deltas, key length. */
    @Test
    void recordFieldsOutOfRangeNameTheField() {
        int record = DefaultRecordBatch.RECORDS_OFFSET;
        ByteBuffer bytes = batch(CompressionType.NONE, 0, 1, 5);

        ByteBuffer hugeLength = ByteBuffer.allocate(bytes.limit()).put(bytes.duplicate()).flip();
        hugeLength.put(record, (byte) 0xFE); // zigzag 127 with a continuation bit...
        hugeLength.put(record + 1, (byte) 0x7F); // ...ends as a length of about 1 MiB
        assertCorrupt(hugeLength, "record 0", "record length");

        ByteBuffer copy = ByteBuffer.allocate(bytes.limit()).put(bytes.duplicate()).flip();
        copy.put(record, (byte) 0x01); // zigzag -1
        assertCorrupt(copy, "record length -1");

        copy = ByteBuffer.allocate(bytes.limit()).put(bytes.duplicate()).flip();
        copy.put(record + 4, (byte) 0x09); // key length zigzag -5
        assertCorrupt(copy, "key length -5");

        copy = ByteBuffer.allocate(bytes.limit()).put(bytes.duplicate()).flip();
        copy.put(record + 4, (byte) 0x7E); // key length 63, more than the record holds
        assertCorrupt(copy, "key length 63");

        copy = ByteBuffer.allocate(bytes.limit()).put(bytes.duplicate()).flip();
        for (int i = 0; i < 11; i++) {
            copy.put(record + 2 + i, (byte) 0xFF); // a timestamp delta varlong longer than 10 bytes
        }
        assertCorrupt(copy, "timestamp delta");
    }

    @Test
    void aNegativeHeaderCountIsRejected() {
        ByteBuf out = Unpooled.buffer();
        MemoryRecordsBuilder builder = MemoryRecords.builder(out, strand(CompressionType.NONE), TimestampType.CREATE_TIME, 0);
        builder.append(1L, (byte[]) null, null, Record.EMPTY_HEADERS);
        builder.close();
        ByteBuffer bytes = copyOf(out);
        // length, attributes, ts delta, offset delta, key -1, value -1, header count
        bytes.put(DefaultRecordBatch.RECORDS_OFFSET + 6, (byte) 0x03); // zigzag -2
        assertCorrupt(bytes, "header count -2");
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aDamagedCompressedPayloadIsCorrupt(CompressionType type) {
        ByteBuffer bytes = batch(type, 0, 50, 100);
        int middle = DefaultRecordBatch.RECORDS_OFFSET + (bytes.limit() - DefaultRecordBatch.RECORDS_OFFSET) / 2;
        for (int i = 0; i < 8 && middle + i < bytes.limit(); i++) {
            bytes.put(middle + i, (byte) (0xA5 ^ i * 31));
        }
        assertCorrupt(bytes, "offset 0");
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aDecompressionBombStopsAtTheLimit(CompressionType type) {
        ByteBuffer bytes = batch(type, 0, 2000, 1000); // ~2 MB of zeros, a few KB compressed
        MemoryRecords records = MemoryRecords.readableRecords(bytes).withMaxDecompressedBytes(256 * 1024);
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> records.firstBatch().iterator());
        assertTrue(e.getMessage().contains("limit of 262144 bytes"), e.getMessage());
        assertEquals(2000, list(MemoryRecords.readableRecords(bytes).records()).size());
    }

    @Test
    void randomBytesNeverEscapeAsAnotherException() {
        Random random = new Random(1234);
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            ByteBuffer bytes = ByteBuffer.wrap(garbage);
            if (garbage.length >= 12 && i % 2 == 0) {
                // make the length plausible so that the garbage is parsed as a batch
                bytes.putInt(DefaultRecordBatch.LENGTH_OFFSET, garbage.length - 12);
                bytes.put(DefaultRecordBatch.MAGIC_OFFSET % garbage.length, (byte) (i % 3));
            }
            readTolerantly(bytes, "random input " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void mutatedBatchesNeverEscapeAsAnotherException(CompressionType type) {
        ByteBuffer original = batch(type, 0, 20, 40);
        Random random = new Random(type.id);
        for (int i = 0; i < 400; i++) {
            ByteBuffer bytes = ByteBuffer.allocate(original.limit()).put(original.duplicate()).flip();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int index = DefaultRecordBatch.ATTRIBUTES_OFFSET + 2 + random.nextInt(bytes.limit() - 23);
                bytes.put(index, (byte) random.nextInt(256));
            }
            readTolerantly(bytes, type + " mutation " + i);
        }
    }

    static void readTolerantly(ByteBuffer bytes, String what) {
        try {
            for (MutableRecordBatch batch : MemoryRecords.readableRecords(bytes).batches()) {
                batch.isValid();
                batch.baseOffset();
                for (Record r : batch) {
                    r.key();
                    r.value();
                    r.headers();
                }
            }
        } catch (CorruptRecordException expected) {
            assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty(), what);
        } catch (RuntimeException | OutOfMemoryError e) {
            fail(what + " escaped as " + e, e);
        }
    }
}
