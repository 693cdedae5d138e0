package io.strand.common.record;

import io.strand.common.header.Header;
import io.strand.common.header.internals.RecordHeader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.strand.common.compress.Compression;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/** Records with every shape the format allows, and conversions to the Apache oracle's types. */
final class RecordFixtures {

    static final long BASE_TIMESTAMP = 1_700_000_000_000L;

    private RecordFixtures() {
    }

    /** One record to write: its fields as Strand takes them. */
    static final class Spec {
        final long timestamp;
        final byte[] key;
        final byte[] value;
        final Header[] headers;

        Spec(long timestamp, byte[] key, byte[] value, Header[] headers) {
            this.timestamp = timestamp;
            this.key = key;
            this.value = value;
            this.headers = headers;
        }
    }

    /**
     * Null and empty keys and values, headers with null and empty values and non-ASCII keys,
     * out-of-order timestamps, and a few values large enough to cross LZ4's 64 KiB blocks and
     * snappy's 32 KiB chunks.
     */
    static List<Spec> specs(int count, long seed) {
        Random random = new Random(seed);
        List<Spec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] key = i % 7 == 3 ? null : i % 11 == 5 ? new byte[0] : ("key-" + i).getBytes(StandardCharsets.UTF_8);
            byte[] value;
            if (i % 5 == 4) {
                value = null;
            } else if (i % 13 == 7) {
                value = new byte[0];
            } else if (i % 17 == 9) {
                value = new byte[70_000 + random.nextInt(1000)];
                random.nextBytes(value);
            } else {
                value = ("value-" + i + "-" + "x".repeat(random.nextInt(200))).getBytes(StandardCharsets.UTF_8);
            }
            Header[] headers;
            if (i % 3 == 0) {
                headers = Record.EMPTY_HEADERS;
            } else {
                headers = new Header[] {
                    new RecordHeader("trace-\u00e9\u6f22-" + i, ("h" + i).getBytes(StandardCharsets.UTF_8)),
                    new RecordHeader("null-value", null),
                    new RecordHeader("", new byte[0]),
                };
            }
            long timestamp = BASE_TIMESTAMP + (i % 4 == 2 ? -i * 10L : i * 1000L);
            specs.add(new Spec(timestamp, key, value, headers));
        }
        return specs;
    }

    static Compression strand(CompressionType type) {
        return Compression.of(type).build();
    }

    static org.apache.kafka.common.compress.Compression apache(CompressionType type) {
        return org.apache.kafka.common.compress.Compression.of(
            org.apache.kafka.common.record.CompressionType.forId(type.id)).build();
    }

    static org.apache.kafka.common.header.Header[] apache(Header[] headers) {
        org.apache.kafka.common.header.Header[] result = new org.apache.kafka.common.header.Header[headers.length];
        for (int i = 0; i < headers.length; i++) {
            result[i] = new org.apache.kafka.common.header.internals.RecordHeader(headers[i].key(), headers[i].value());
        }
        return result;
    }

    static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    static ByteBuffer copyOf(ByteBuf buf) {
        return ByteBuffer.wrap(ByteBufUtil.getBytes(buf));
    }

    static <T> List<T> list(Iterable<? extends T> iterable) {
        List<T> list = new ArrayList<>();
        for (T t : iterable) {
            list.add(t);
        }
        return list;
    }

    static <T> List<T> list(Iterator<? extends T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    static void assertHeadersEqual(Header[] expected, org.apache.kafka.common.header.Header[] actual, String where) {
        assertEquals(expected.length, actual.length, where + ": header count");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].key(), actual[i].key(), where + ": header " + i + " key");
            assertArrayEquals(expected[i].value(), actual[i].value(), where + ": header " + i + " value");
        }
    }

    static void assertHeadersEqual(org.apache.kafka.common.header.Header[] expected, Header[] actual, String where) {
        assertEquals(expected.length, actual.length, where + ": header count");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].key(), actual[i].key(), where + ": header " + i + " key");
            assertArrayEquals(expected[i].value(), actual[i].value(), where + ": header " + i + " value");
        }
    }
}
