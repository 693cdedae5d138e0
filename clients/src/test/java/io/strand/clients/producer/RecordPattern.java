package io.strand.clients.producer;

import io.strand.common.header.Header;
import io.strand.common.header.internals.RecordHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records derived from their index alone, so that a test can check a million records read back
 * without keeping what it sent: even indexes are keyed, odd ones are not; values are about 100
 * bytes, part counter and part text, so that every codec has something to compress; every record
 * carries its index in a header, some a second header; most have an explicit timestamp.
 */
final class RecordPattern {

    /**
     * An hour ago: a real broker deletes (and rolls segments for) records older than
     * retention.ms, and rejects those more than an hour ahead, so timestamps must be near now.
     */
    static final long BASE_TIMESTAMP = System.currentTimeMillis() - 3_600_000L;
    private static final String FILLER = "the quick brown fox jumps over the lazy dog, 0123456789 ";

    private RecordPattern() {
    }

    static boolean keyed(long i) {
        return i % 2 == 0;
    }

    static byte[] key(long i) {
        return keyed(i) ? ("key-" + (i % 10_007)).getBytes(StandardCharsets.UTF_8) : null;
    }

    static byte[] value(long i) {
        byte[] value = new byte[100];
        ByteBuffer b = ByteBuffer.wrap(value);
        b.putLong(i);
        byte[] text = FILLER.getBytes(StandardCharsets.US_ASCII);
        int offset = (int) (i % text.length);
        for (int p = 8; p < value.length; p++) {
            value[p] = text[(offset + p) % text.length];
        }
        return value;
    }

    /** An explicit timestamp, or null (every 11th record) for the producer to take the time of send. */
    static Long timestamp(long i) {
        return i % 11 == 0 ? null : BASE_TIMESTAMP + i;
    }

    static List<Header> headers(long i) {
        List<Header> headers = new ArrayList<>(2);
        headers.add(new RecordHeader("i", ByteBuffer.allocate(8).putLong(i).array()));
        if (i % 5 == 0) {
            headers.add(new RecordHeader("tag", ("t" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return headers;
    }

    static long indexOf(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }
}
