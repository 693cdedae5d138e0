package io.strand.common.record;

import static io.strand.common.record.RecordFixtures.apache;
import static io.strand.common.record.RecordFixtures.bytes;
import static io.strand.common.record.RecordFixtures.list;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.record.RecordFixtures.Spec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Batches built by Apache kafka-clients, read by Strand. */
class ApacheWritesStrandReadsTest {

    private static final List<Spec> SPECS = RecordFixtures.specs(40, 7);

    static List<Arguments> codecsAndBuffers() {
        List<Arguments> args = new ArrayList<>();
        for (CompressionType type : CompressionType.values()) {
            args.add(Arguments.of(type, false));
            args.add(Arguments.of(type, true));
        }
        return args;
    }

    static ByteBuffer apacheBatch(CompressionType type, long baseOffset, List<Spec> specs) {
        org.apache.kafka.common.record.MemoryRecordsBuilder builder = org.apache.kafka.common.record.MemoryRecords.builder(
            ByteBuffer.allocate(1024), org.apache.kafka.common.record.RecordBatch.MAGIC_VALUE_V2, apache(type),
            org.apache.kafka.common.record.TimestampType.CREATE_TIME, baseOffset,
            org.apache.kafka.common.record.RecordBatch.NO_TIMESTAMP, 77L, (short) 3, Integer.MAX_VALUE - 5, true, false, 9);
        for (Spec s : specs) {
            builder.append(s.timestamp, s.key, s.value, apache(s.headers));
        }
        return builder.build().buffer();
    }

    private static ByteBuffer maybeDirect(ByteBuffer heap, boolean direct) {
        if (!direct) {
            return heap;
        }
        ByteBuffer copy = ByteBuffer.allocateDirect(heap.remaining());
        copy.put(heap.duplicate()).flip();
        return copy;
    }

    @ParameterizedTest(name = "{0}, direct={1}")
    @MethodSource("codecsAndBuffers")
    void strandReadsEveryField(CompressionType type, boolean direct) {
        ByteBuffer bytes = maybeDirect(apacheBatch(type, 500L, SPECS), direct);
        List<MutableRecordBatch> batches = list(MemoryRecords.readableRecords(bytes).batches());
        assertEquals(1, batches.size());
        DefaultRecordBatch batch = (DefaultRecordBatch) batches.get(0);
        batch.ensureValid();
        assertEquals(type, batch.compressionType());
        assertEquals(500L, batch.baseOffset());
        assertEquals(500L + SPECS.size() - 1, batch.lastOffset());
        assertEquals(77L, batch.producerId());
        assertEquals(3, batch.producerEpoch());
        assertEquals(Integer.MAX_VALUE - 5, batch.baseSequence());
        assertEquals(SPECS.size() - 7, batch.lastSequence(), "sequence wraps past Integer.MAX_VALUE to 0");
        assertTrue(batch.isTransactional());
        assertFalse(batch.isControlBatch());
        assertEquals(9, batch.partitionLeaderEpoch());
        assertEquals(TimestampType.CREATE_TIME, batch.timestampType());
        assertEquals(SPECS.stream().mapToLong(s -> s.timestamp).max().getAsLong(), batch.maxTimestamp());
        assertEquals(SPECS.size(), batch.recordCount());
        assertEquals(bytes.remaining(), batch.sizeInBytes());

        for (int pass = 0; pass < 2; pass++) { // the second pass reuses the decompressed records
            List<Record> read = list(batch.iterator());
            assertEquals(SPECS.size(), read.size());
            for (int i = 0; i < SPECS.size(); i++) {
                Spec s = SPECS.get(i);
                Record r = read.get(i);
                String where = type + " record " + i;
                assertEquals(500L + i, r.offset(), where);
                assertEquals(DefaultRecordBatch.incrementSequence(Integer.MAX_VALUE - 5, i), r.sequence(), where);
                assertEquals(s.timestamp, r.timestamp(), where);
                assertEquals(s.key != null, r.hasKey(), where);
                assertArrayEquals(s.key, bytes(r.key()), where);
                assertArrayEquals(s.value, bytes(r.value()), where);
                assertArrayEquals(s.key, r.keyArray(), where + " key copied without a view");
                assertArrayEquals(s.value, r.valueArray(), where + " value copied without a view");
                assertEquals(s.headers.length, r.headers().length, where);
                for (int h = 0; h < s.headers.length; h++) {
                    assertEquals(s.headers[h], r.headers()[h], where + " header " + h);
                }
            }
        }
    }

    @Test
    void strandReadsApacheBatchesOfEveryCodecInOneBuffer() {
        List<ByteBuffer> parts = new ArrayList<>();
        long offset = 0;
        for (CompressionType type : CompressionType.values()) {
            parts.add(apacheBatch(type, offset, SPECS.subList(0, 5)));
            offset += 5;
        }
        ByteBuffer all = ByteBuffer.allocate(parts.stream().mapToInt(ByteBuffer::remaining).sum());
        parts.forEach(all::put);
        all.flip();
        long expected = 0;
        for (Record r : MemoryRecords.readableRecords(all).records()) {
            assertEquals(expected++, r.offset());
        }
        assertEquals(offset, expected);
    }

    @ParameterizedTest
    @EnumSource(value = org.apache.kafka.common.record.ControlRecordType.class, names = {"COMMIT", "ABORT"})
    void strandReadsApacheTransactionMarkers(org.apache.kafka.common.record.ControlRecordType type) {
        ByteBuffer bytes = org.apache.kafka.common.record.MemoryRecords.withEndTransactionMarker(
            80L, 1234L, 5, 99L, (short) 4, new org.apache.kafka.common.record.EndTransactionMarker(type, 17)).buffer();
        MutableRecordBatch batch = MemoryRecords.readableRecords(bytes).firstBatch();
        batch.ensureValid();
        assertTrue(batch.isControlBatch());
        assertTrue(batch.isTransactional());
        assertEquals(99L, batch.producerId());
        assertEquals(5, batch.partitionLeaderEpoch());
        Record record = batch.iterator().next();
        assertEquals(80L, record.offset());
        assertEquals(type.name(), ControlRecordType.parse(record.key()).name());
        EndTransactionMarker marker = EndTransactionMarker.deserialize(record);
        assertEquals(17, marker.coordinatorEpoch());
    }

    @Test
    void controlRecordTypeIdsMatchApache() {
        for (org.apache.kafka.common.record.ControlRecordType type : org.apache.kafka.common.record.ControlRecordType.values()) {
            assertEquals(type.type(), ControlRecordType.valueOf(type.name()).type, type.name());
        }
    }
}
