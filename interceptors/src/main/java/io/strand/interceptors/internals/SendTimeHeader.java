package io.strand.interceptors.internals;

import io.strand.common.config.ConfigDef;
import io.strand.common.config.ConfigDef.Importance;
import io.strand.common.config.ConfigDef.NonEmptyString;
import io.strand.common.config.ConfigDef.Type;
import io.strand.common.header.Header;
import io.strand.common.header.Headers;

/** The send-time header's value: epoch milliseconds as 8 bytes, big-endian, as Kafka's LongSerializer writes a long. */
public final class SendTimeHeader {

    public static final String HEADER_CONFIG = "interceptor.timestamp.header";
    public static final String DEFAULT_HEADER = "strand.send.time";

    /** What {@link #read} returns when the header is absent or not 8 bytes long. */
    public static final long ABSENT = Long.MIN_VALUE;

    private SendTimeHeader() {
    }

    /** Adds the header-name setting that both ends of a latency measurement share. */
    public static ConfigDef defineHeader(ConfigDef def) {
        return def.define(HEADER_CONFIG, Type.STRING, DEFAULT_HEADER, new NonEmptyString(), Importance.MEDIUM,
            "TimestampProducerInterceptor and LatencyConsumerInterceptor: the header holding the send time "
                + "(epoch milliseconds, 8 bytes big-endian).");
    }

    public static byte[] encode(long millis) {
        byte[] b = new byte[Long.BYTES];
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            b[i] = (byte) millis;
            millis >>>= Byte.SIZE;
        }
        return b;
    }

    /** The last header {@code key}'s time, or {@link #ABSENT}. */
    public static long read(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        byte[] v = h == null ? null : h.value();
        if (v == null || v.length != Long.BYTES) {
            return ABSENT;
        }
        long millis = 0;
        for (byte b : v) {
            millis = millis << Byte.SIZE | (b & 0xff);
        }
        return millis;
    }

    /** True if the header is there but is not a time this class wrote. */
    public static boolean malformed(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h != null && (h.value() == null || h.value().length != Long.BYTES);
    }
}
