package io.strand.common.record;

import static io.strand.common.record.RecordFixtures.apache;
import static io.strand.common.record.RecordFixtures.bytes;
import static io.strand.common.record.RecordFixtures.copyOf;
import static io.strand.common.record.RecordFixtures.list;
import static io.strand.common.record.RecordFixtures.strand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.strand.common.record.RecordFixtures.Spec;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Batches built by Strand, read and validated by Apache kafka-clients. */
class StrandWritesApacheReadsTest {

    private static final List<Spec> SPECS = RecordFixtures.specs(40, 42);

    static List<Arguments> codecsAndBuffers() {
        List<Arguments> args = new java.util.ArrayList<>();
        for (CompressionType type : CompressionType.values()) {
            args.add(Arguments.of(type, false));
            args.add(Arguments.of(type, true));
        }
        return args;
    }

    @ParameterizedTest(name = "{0}, direct={1}")
    @MethodSource("codecsAndBuffers")
    void apacheReadsEveryField(CompressionType type, boolean direct) {
        ByteBuf out = direct ? PooledByteBufAllocator.DEFAULT.directBuffer(16 * 1024) : Unpooled.buffer(16 * 1024);
        try {
            MemoryRecordsBuilder builder = MemoryRecords.builder(out, strand(type), TimestampType.CREATE_TIME, 1000L)
                .producerState(77L, (short) 3, 42, true)
                .partitionLeaderEpoch(9);
            for (int i = 0; i < SPECS.size(); i++) {
                Spec s = SPECS.get(i);
                if (i % 2 == 0) {
                    builder.append(s.timestamp, s.key, s.value, s.headers);
                } else {
                    builder.append(s.timestamp, s.key == null ? null : ByteBuffer.wrap(s.key),
                        s.value == null ? null : ByteBuffer.wrap(s.value), s.headers);
                }
            }
            builder.close();

            org.apache.kafka.common.record.MemoryRecords records =
                org.apache.kafka.common.record.MemoryRecords.readableRecords(copyOf(out));
            List<MutableRecordBatch> batches = list(records.batches());
            assertEquals(1, batches.size());
            MutableRecordBatch batch = batches.get(0);
            batch.ensureValid();
            assertEquals(type.id, batch.compressionType().id);
            assertEquals(2, batch.magic());
            assertEquals(1000L, batch.baseOffset());
            assertEquals(1000L + SPECS.size() - 1, batch.lastOffset());
            assertEquals(77L, batch.producerId());
            assertEquals(3, batch.producerEpoch());
            assertEquals(42, batch.baseSequence());
            assertEquals(42 + SPECS.size() - 1, batch.lastSequence());
            assertTrue(batch.isTransactional());
            assertFalse(batch.isControlBatch());
            assertEquals(9, batch.partitionLeaderEpoch());
            assertEquals(org.apache.kafka.common.record.TimestampType.CREATE_TIME, batch.timestampType());
            assertEquals(SPECS.stream().mapToLong(s -> s.timestamp).max().getAsLong(), batch.maxTimestamp());
            assertEquals(SPECS.size(), batch.countOrNull());
            assertEquals(builder.estimatedSizeInBytes(), batch.sizeInBytes());

            List<org.apache.kafka.common.record.Record> read = list(batch.iterator());
            assertEquals(SPECS.size(), read.size());
            for (int i = 0; i < SPECS.size(); i++) {
                Spec s = SPECS.get(i);
                org.apache.kafka.common.record.Record r = read.get(i);
                String where = type + " record " + i;
                assertEquals(1000L + i, r.offset(), where);
                assertEquals(42 + i, r.sequence(), where);
                assertEquals(s.timestamp, r.timestamp(), where);
                assertArrayEquals(s.key, bytes(r.key()), where);
                assertArrayEquals(s.value, bytes(r.value()), where);
                RecordFixtures.assertHeadersEqual(s.headers, r.headers(), where);
            }
        } finally {
            out.release();
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void apacheReadsConcatenatedBatchesAndLogAppendTime(CompressionType type) {
        ByteBuf out = Unpooled.buffer();
        long offset = 0;
        for (int b = 0; b < 3; b++) {
            MemoryRecordsBuilder builder = MemoryRecords.builder(out, strand(type),
                b == 1 ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME, offset);
            builder.logAppendTime(5555L);
            for (int i = 0; i <= b; i++) {
                builder.append(100L + i, null, ("v" + b + i).getBytes());
            }
            builder.close();
            offset = builder.nextOffset();
        }
        List<MutableRecordBatch> batches = list(
            org.apache.kafka.common.record.MemoryRecords.readableRecords(copyOf(out)).batches());
        assertEquals(3, batches.size());
        assertEquals(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME, batches.get(1).timestampType());
        long expectedOffset = 0;
        for (MutableRecordBatch batch : batches) {
            batch.ensureValid();
            for (org.apache.kafka.common.record.Record r : batch) {
                assertEquals(expectedOffset++, r.offset());
                if (batch.timestampType() == org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME) {
                    assertEquals(5555L, r.timestamp());
                }
                assertFalse(r.hasKey());
            }
        }
        assertEquals(6, expectedOffset);
    }

    @ParameterizedTest
    @EnumSource(value = ControlRecordType.class, names = {"COMMIT", "ABORT"})
    void apacheReadsTransactionMarker(ControlRecordType type) {
        ByteBuf out = Unpooled.buffer();
        MemoryRecordsBuilder builder = MemoryRecords.builder(out, strand(CompressionType.NONE), TimestampType.CREATE_TIME, 50L)
            .producerState(9L, (short) 1, RecordBatch.NO_SEQUENCE, true)
            .controlBatch(true);
        builder.appendEndTxnMarker(777L, new EndTransactionMarker(type, 12));
        builder.close();

        MutableRecordBatch batch = org.apache.kafka.common.record.MemoryRecords.readableRecords(copyOf(out))
            .batches().iterator().next();
        batch.ensureValid();
        assertTrue(batch.isControlBatch());
        assertTrue(batch.isTransactional());
        org.apache.kafka.common.record.Record record = batch.iterator().next();
        org.apache.kafka.common.record.EndTransactionMarker marker =
            org.apache.kafka.common.record.EndTransactionMarker.deserialize(record);
        assertEquals(type.name(), marker.controlType().name());
        assertEquals(12, marker.coordinatorEpoch());
        assertEquals(777L, record.timestamp());
    }
}
