package io.strand.common.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.strand.common.header.internals.RecordHeaders;
import io.strand.common.utils.Bytes;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** ByteBuffer and Bytes serdes: the ones whose values are not plain shared types. */
class ByteBufferAndBytesTest {

    private static final byte[] CONTENT = {9, 8, 7, 6, 5, 4, 3, 2, 1};

    /** Buffers in states a caller might hand over; each supplier makes a fresh one so both clients see the same. */
    private static final List<Supplier<ByteBuffer>> BUFFERS = List.of(
            () -> ByteBuffer.wrap(CONTENT.clone()),
            () -> ByteBuffer.wrap(CONTENT.clone()).position(3),
            () -> ByteBuffer.wrap(CONTENT.clone()).limit(5),
            () -> ByteBuffer.wrap(CONTENT.clone(), 2, 4),
            () -> ByteBuffer.wrap(CONTENT.clone()).position(2).slice(),
            () -> ByteBuffer.allocate(0),
            () -> ByteBuffer.allocateDirect(9).put(CONTENT).flip(),
            () -> ByteBuffer.allocateDirect(9).put(CONTENT),
            () -> ByteBuffer.allocate(20).put(CONTENT),
            () -> ByteBuffer.wrap(CONTENT.clone()).asReadOnlyBuffer());

    @Test
    void byteBufferSerializerWritesWhatApacheWritesAndLeavesTheBufferAsApacheDoes() {
        for (int i = 0; i < BUFFERS.size(); i++) {
            ByteBuffer mine = BUFFERS.get(i).get();
            ByteBuffer theirs = BUFFERS.get(i).get();
            byte[] expected = new org.apache.kafka.common.serialization.ByteBufferSerializer().serialize("t", theirs);
            assertArrayEquals(expected, new ByteBufferSerializer().serialize("t", mine), "buffer #" + i);
            assertEquals(theirs.position(), mine.position(), "position after, buffer #" + i);
            assertEquals(theirs.limit(), mine.limit(), "limit after, buffer #" + i);
        }
        assertNull(new ByteBufferSerializer().serialize("t", null));
    }

    @Test
    void aWholeHeapBufferIsPassedThroughWithoutACopy() {
        byte[] array = CONTENT.clone();
        assertSame(array, new ByteBufferSerializer().serialize("t", ByteBuffer.wrap(array)));
    }

    @Test
    void byteBufferDeserializerWrapsOrPassesThrough() {
        ByteBufferDeserializer deserializer = new ByteBufferDeserializer();
        ByteBuffer wrapped = deserializer.deserialize("t", CONTENT);
        assertSame(CONTENT, wrapped.array());
        assertEquals(ByteBuffer.wrap(CONTENT), wrapped);
        ByteBuffer framed = ApacheEquivalenceTest.framedHeap(CONTENT);
        assertSame(framed, deserializer.deserialize("t", new RecordHeaders(), framed));
        assertNull(deserializer.deserialize("t", (byte[]) null));
        assertNull(deserializer.deserialize("t", new RecordHeaders(), (ByteBuffer) null));
    }

    @Test
    void bytesSerdeRoundTripsAndMatchesApache() {
        for (byte[] array : SerdeCases.byteArrays()) {
            Bytes value = Bytes.wrap(array);
            byte[] expected = new org.apache.kafka.common.serialization.BytesSerializer()
                    .serialize("t", org.apache.kafka.common.utils.Bytes.wrap(array));
            byte[] written = new BytesSerializer().serialize("t", value);
            assertArrayEquals(expected, written);
            assertEquals(value, new BytesDeserializer().deserialize("t", written));
            assertEquals(value, new BytesDeserializer().deserialize("t", new RecordHeaders(),
                    written == null ? null : ApacheEquivalenceTest.framedDirect(written)));
        }
    }
}
