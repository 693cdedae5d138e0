package io.strand.broker.internals.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strand.broker.internals.ApiHandler;
import io.strand.broker.internals.RequestContext;
import io.strand.common.message.ApiDefinitions;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.RequestHeader;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * A coordinator on a manual clock, driven through its handlers with request Structs. Every
 * response is encoded at its request's version and decoded by Apache kafka-clients, so a field a
 * version cannot carry fails the test that produced it.
 */
final class GroupTestKit implements AutoCloseable {

    static final int NODE = 0;
    static final InetSocketAddress CLIENT_ADDRESS = new InetSocketAddress("127.0.0.1", 50_000);

    final ManualScheduler clock = new ManualScheduler();
    final Map<String, Integer> topics = new ConcurrentHashMap<>();
    final Map<String, Integer> coordinatorOverrides = new ConcurrentHashMap<>();
    final GroupCoordinator coordinator;
    private final AtomicInteger correlation = new AtomicInteger();

    GroupTestKit() {
        this(GroupConfig.defaults(), null);
    }

    GroupTestKit(GroupConfig config, Path dataDir) {
        this(config, dataDir, OffsetStore.DEFAULT_COMPACTION_MIN_RECORDS);
    }

    GroupTestKit(GroupConfig config, Path dataDir, long compactionMinRecords) {
        topics.put("orders", 3);
        topics.put("payments", 2);
        coordinator = new GroupCoordinator(config, clock, t -> topics.getOrDefault(t, -1),
            g -> coordinatorOverrides.getOrDefault(g, NODE), dataDir, compactionMinRecords);
    }

    CompletableFuture<Struct> send(ApiKeys api, short version, Struct request) {
        return send(api, version, request, "client-1");
    }

    CompletableFuture<Struct> send(ApiKeys api, short version, Struct request, String clientId) {
        ApiHandler handler = coordinator.handlers().get(api);
        RequestContext ctx = new RequestContext(new RequestHeader(api, version, clientId, correlation.incrementAndGet()),
            NODE, CLIENT_ADDRESS);
        return handler.handle(ctx, overTheWire(api, version, request)).thenApply(response -> {
            checkEncodes(api, version, response);
            return response;
        });
    }

    /** Sends and expects an answer at once. */
    Struct call(ApiKeys api, short version, Struct request) {
        CompletableFuture<Struct> f = send(api, version, request);
        assertTrue(f.isDone(), api + " v" + version + " should be answered at once");
        return f.join();
    }

    /** The request as the server would decode it: only what the version carries survives. */
    static Struct overTheWire(ApiKeys api, short version, Struct request) {
        ByteBuf buf = Unpooled.buffer();
        try {
            ApiDefinitions.of(api).writeRequest(buf, request, version);
            Struct decoded = ApiDefinitions.of(api).readRequest(buf, version);
            assertEquals(0, buf.readableBytes());
            return decoded;
        } finally {
            buf.release();
        }
    }

    static void checkEncodes(ApiKeys api, short version, Struct response) {
        ByteBuf buf = Unpooled.buffer();
        try {
            ApiDefinitions.of(api).writeResponse(buf, response, version);
            ByteBufferAccessor accessor = new ByteBufferAccessor(buf.nioBuffer());
            AbstractResponse.parseResponse(org.apache.kafka.common.protocol.ApiKeys.forId(api.id), accessor, version);
            assertEquals(0, accessor.remaining(), api + " v" + version + ": Apache left bytes unread");
        } finally {
            buf.release();
        }
    }

    static Errors error(Struct s, Field<Short> field) {
        return Errors.forCode(s.getShort(field));
    }

    @Override
    public void close() {
        coordinator.close();
    }
}
