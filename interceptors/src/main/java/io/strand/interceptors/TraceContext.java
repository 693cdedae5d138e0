package io.strand.interceptors;

import io.strand.clients.consumer.ConsumerRecord;
import io.strand.common.header.Header;
import io.strand.common.header.Headers;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/**
 * The trace id of the work the current thread is doing, shared between the tracing interceptors
 * and the application. A trace id travels in a record header ({@value #DEFAULT_HEADER} unless
 * {@value #HEADER_CONFIG} says otherwise) as UTF-8 text; ids generated here are 32 lowercase hex
 * digits (128 random bits), the format of a W3C trace-id.
 *
 * <p>A consumer interceptor cannot know when the application processes each record (it sees the
 * whole batch before {@code poll} returns), so the application opens a scope per record:
 * <pre>
 *   for (ConsumerRecord&lt;String, String&gt; record : consumer.poll(timeout)) {
 *       try (TraceContext.Scope scope = TraceContext.activate(record)) {
 *           log.info("processing");          // the log line carries MDC traceId
 *           producer.send(...);              // TracingProducerInterceptor stamps the same id
 *       }
 *   }
 * </pre>
 * While the scope is open the id is {@link #current()} on this thread and in the slf4j MDC under
 * {@value #MDC_KEY}; closing it restores what was there before, so scopes nest. A scope belongs
 * to the thread that opened it and must be closed there.
 */
public final class TraceContext {

    public static final String HEADER_CONFIG = "interceptor.tracing.header";
    public static final String DEFAULT_HEADER = "strand.trace.id";
    /** The MDC key under which an active trace id is visible to log layouts ({@code %X{traceId}}). */
    public static final String MDC_KEY = "traceId";

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TraceContext() {
    }

    /** The trace id active on this thread, or null. */
    public static String current() {
        return CURRENT.get();
    }

    /** Makes {@code traceId} current on this thread until the scope closes. */
    public static Scope activate(String traceId) {
        if (traceId == null || traceId.isEmpty()) {
            throw new IllegalArgumentException("A trace id must be non-empty");
        }
        Scope scope = new Scope(traceId, CURRENT.get());
        CURRENT.set(traceId);
        MDC.put(MDC_KEY, traceId);
        return scope;
    }

    /** Activates the trace id in the record's {@value #DEFAULT_HEADER} header, or a new one if it has none. */
    public static Scope activate(ConsumerRecord<?, ?> record) {
        return activate(record, DEFAULT_HEADER);
    }

    /** Activates the trace id in the record's {@code header} header, or a new one if it has none. */
    public static Scope activate(ConsumerRecord<?, ?> record, String header) {
        String id = traceId(record.headers(), header);
        return activate(id != null ? id : newTraceId());
    }

    /** The trace id in the last {@code header} header, or null when there is none or it is empty. */
    public static String traceId(Headers headers, String header) {
        Header h = headers.lastHeader(header);
        byte[] v = h == null ? null : h.value();
        return v == null || v.length == 0 ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** 32 lowercase hex digits from 128 random bits, never all zero. */
    public static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        char[] out = new char[32];
        hex(high, out, 0);
        hex(low, out, 16);
        return new String(out);
    }

    private static void hex(long v, char[] out, int at) {
        for (int i = at + 15; i >= at; i--) {
            out[i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
    }

    /** An active trace id; closing it restores the thread's previous one. */
    public static final class Scope implements AutoCloseable {
        private final String traceId;
        private final String previous;
        private boolean closed;

        private Scope(String traceId, String previous) {
            this.traceId = traceId;
            this.previous = previous;
        }

        public String traceId() {
            return traceId;
        }

        /** Restores the previous trace id (or none); a second close does nothing. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (previous == null) {
                CURRENT.remove();
                MDC.remove(MDC_KEY);
            } else {
                CURRENT.set(previous);
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
