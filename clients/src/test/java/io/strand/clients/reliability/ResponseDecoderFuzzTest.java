package io.strand.clients.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.strand.clients.internals.network.ClientResponse;
import io.strand.clients.internals.network.FakeBroker;
import io.strand.clients.internals.network.NetworkClient;
import io.strand.clients.internals.network.NetworkConfig;
import io.strand.common.Node;
import io.strand.common.errors.ProtocolDecodeException;
import io.strand.common.message.ApiDefinitions;
import io.strand.common.message.Frames;
import io.strand.common.message.Metadata;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.ResponseHeader;
import io.strand.common.protocol.types.Struct;
import io.strand.broker.reliability.RandomStructs;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's response decoding fed valid, mutated, truncated, mislabelled and random frames:
 * directly, as NodeConnection decodes (correlation id, header, body, the ApiVersions v0
 * fallback), with allocation bounded by the frame's size; and through a NetworkClient talking to
 * a fake broker that answers each request with such a frame: every send completes (a response
 * or an exception), and the client still works afterwards.
 */
class ResponseDecoderFuzzTest {

    private static final Logger log = LoggerFactory.getLogger(ResponseDecoderFuzzTest.class);

    static final long SEED = Long.getLong("strand.fuzz.seed", 20240808L);
    static final int FRAMES = Integer.getInteger("strand.fuzz.responseFrames", 120_000);
    static final int NETWORK_FRAMES = Integer.getInteger("strand.fuzz.networkFrames", 2_000);
    static final long BYTES_PER_FRAME_BYTE = 128;
    static final long CONSTANT_BYTES = 32 * 1024;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void everyResponseDecodesOrFailsTypedWithAllocationBoundedByItsSize() {
        ResponseCorpus corpus = new ResponseCorpus(SEED);
        warmUp();
        List<String> failures = new ArrayList<>();
        int decoded = 0;
        int rejected = 0;
        double worstRatio = 0;
        long start = System.nanoTime();
        for (int i = 0; i < FRAMES && failures.size() <= 20; i++) {
            short[] av = corpus.anyApiVersion();
            ApiKeys api = ApiKeys.forId(av[0]);
            byte[] frame = corpus.answer(api, av[1], i);
            ByteBuf buf = Unpooled.wrappedBuffer(frame);
            long before = threads.getCurrentThreadAllocatedBytes();
            Throwable error = decode(buf, api, av[1], i);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (error == null) {
                decoded++;
            } else if (error instanceof ProtocolDecodeException) {
                rejected++;
            } else {
                failures.add("frame " + i + " (" + corpus.lastKind() + ", " + api.name + " v" + av[1] + ") threw "
                    + error + ": " + ByteBufUtil.hexDump(frame));
            }
            long bound = BYTES_PER_FRAME_BYTE * frame.length + CONSTANT_BYTES;
            if (allocated > bound) {
                failures.add("frame " + i + " (" + corpus.lastKind() + ", " + api.name + " v" + av[1] + ", "
                    + frame.length + " bytes) allocated " + allocated + " bytes, above " + bound);
            }
            if (frame.length >= 64) {
                worstRatio = Math.max(worstRatio, (double) allocated / frame.length);
            }
        }
        log.info("Response decoder fuzz: {} frames (seed {}) in {} ms: {} decoded, {} rejected typed; kinds {}; "
                + "most allocated per frame byte (frames of 64 bytes or more) {}",
            FRAMES, SEED, (System.nanoTime() - start) / 1_000_000, decoded, rejected, corpus.counts(),
            String.format("%.1f", worstRatio));
        assertEquals(List.of(), failures);
        assertEquals(FRAMES, decoded + rejected);
        assertTrue(decoded > FRAMES / 20 && rejected > FRAMES / 4, "the mix exercises both outcomes");
    }

    @Test
    void networkClientCompletesEverySendAndKeepsWorking() throws Exception {
        ResponseCorpus corpus = new ResponseCorpus(SEED + 3);
        RandomStructs requests = new RandomStructs(new Random(SEED + 4));
        try (FakeBroker broker = new FakeBroker();
             NetworkClient client = new NetworkClient(new NetworkConfig().clientId("response-fuzz")
                 .requestTimeoutMs(5_000).reconnectBackoffMs(1, 5))) {
            broker.behavior = (req, ch) -> {
                byte[] frame = corpus.answer(req.header().api(), req.header().apiVersion(),
                    req.header().correlationId());
                return Unpooled.buffer(4 + frame.length).writeInt(frame.length).writeBytes(frame);
            };
            Node node = broker.node(0);
            List<ApiKeys> apis = new ArrayList<>(List.of(ApiKeys.values()));
            apis.remove(ApiKeys.API_VERSIONS);
            int answered = 0;
            int failed = 0;
            java.util.Map<String, Integer> causes = new java.util.TreeMap<>();
            long start = System.nanoTime();
            for (int i = 0; i < NETWORK_FRAMES; i++) {
                ApiKeys api = apis.get(i % apis.size());
                awaitReady(client, node);
                CompletableFuture<ClientResponse> f = client.send(node, api,
                    v -> requests.fill(ApiDefinitions.of(api).requestSchema(), v), 5_000);
                try {
                    f.get(30, TimeUnit.SECONDS).release();
                    answered++;
                } catch (ExecutionException e) {
                    failed++;
                    causes.merge(e.getCause().getClass().getSimpleName(), 1, Integer::sum);
                }
            }
            log.info("NetworkClient response fuzz: {} sends in {} ms: {} answered, {} failed {}; {} connections; "
                    + "kinds {}", NETWORK_FRAMES, (System.nanoTime() - start) / 1_000_000, answered, failed, causes,
                broker.connections.get(), corpus.counts());
            assertEquals(NETWORK_FRAMES, answered + failed);
            assertTrue(answered > 0 && failed > 0);
            broker.behavior = (req, ch) -> {
                Struct ok = ApiDefinitions.of(ApiKeys.METADATA).newResponse();
                ok.set(Metadata.Response.CLUSTER_ID, "still-here");
                return ok;
            };
            // The last fuzzed response may have left the connection in reconnect backoff (or about to
            // enter it, see awaitReady): a client retries a DisconnectException, and so does this check.
            ClientResponse r = null;
            for (int attempt = 0; r == null; attempt++) {
                awaitReady(client, node);
                try {
                    r = client.send(node, ApiKeys.METADATA, v -> ApiDefinitions.of(ApiKeys.METADATA).newRequest())
                        .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof io.strand.common.errors.DisconnectException) || attempt >= 10) {
                        throw e;
                    }
                }
            }
            assertEquals("still-here", r.body().get(Metadata.Response.CLUSTER_ID));
        }
    }

    /**
     * Waits out the reconnect backoff a bad response started, so that most sends reach the broker.
     * (Not all: the connection fails the request before it marks itself failed, so a send right
     * after a failed one can still meet the backoff and fail with DisconnectException.)
     */
    private static void awaitReady(NetworkClient client, Node node) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!client.ready(node)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no connection to " + node + " after 30 s: " + client.lastConnectionFailure(node));
            }
            Thread.sleep(1);
        }
    }

    /** What NodeConnection does with a response frame: the error, or null if it decoded. */
    static Throwable decode(ByteBuf frame, ApiKeys api, short version, int correlationId) {
        try {
            if (ResponseHeader.peekCorrelationId(frame) != correlationId) {
                return new ProtocolDecodeException(api.name + "Response", version, "correlation_id", "mismatch", null);
            }
            int start = frame.readerIndex();
            try {
                Frames.decodeResponse(frame, api, version, correlationId);
            } catch (ProtocolDecodeException e) {
                if (api != ApiKeys.API_VERSIONS || version == 0) {
                    throw e;
                }
                frame.readerIndex(start);
                Frames.decodeResponse(frame, api, (short) 0, correlationId);
            }
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static void warmUp() {
        ResponseCorpus corpus = new ResponseCorpus(SEED + 1);
        for (short[] av : corpus.apiVersions()) {
            decode(Unpooled.wrappedBuffer(corpus.valid(ApiKeys.forId(av[0]), av[1], 1)), ApiKeys.forId(av[0]), av[1], 1);
        }
        for (int i = 0; i < 20_000; i++) {
            short[] av = corpus.anyApiVersion();
            decode(Unpooled.wrappedBuffer(corpus.answer(ApiKeys.forId(av[0]), av[1], i)), ApiKeys.forId(av[0]), av[1], i);
        }
    }
}
