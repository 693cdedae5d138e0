package io.strand.clients.internals.network;

import static io.strand.clients.testkit.TestUtils.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strand.common.Cluster;
import io.strand.common.KafkaException;
import io.strand.common.Node;
import io.strand.common.errors.DisconnectException;
import io.strand.common.errors.NetworkException;
import io.strand.common.errors.TimeoutException;
import io.strand.common.errors.UnsupportedVersionException;
import io.strand.common.message.ApiDefinitions;
import io.strand.common.message.ApiVersions;
import io.strand.common.message.Fetch;
import io.strand.common.message.Frames;
import io.strand.common.message.Metadata;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkClientTest {

    private static final RequestBuilder ALL_TOPICS_METADATA = v -> ApiDefinitions.of(ApiKeys.METADATA).newRequest()
        .set(Metadata.Request.TOPICS, v == 0 ? List.of() : null);

    private FakeBroker broker;
    private NetworkClient client;

    @BeforeEach
    void setUp() throws InterruptedException {
        broker = new FakeBroker();
        broker.behavior = (req, ch) -> req.header().api() == ApiKeys.METADATA
            ? ApiDefinitions.of(ApiKeys.METADATA).newResponse() : null;
        client = new NetworkClient(new NetworkConfig().clientId("test-" + System.nanoTime())
            .requestTimeoutMs(10_000).reconnectBackoffMs(50, 200));
    }

    @AfterEach
    void tearDown() {
        client.close();
        broker.close();
    }

    @Test
    void negotiatesTheHighestCommonVersion() throws Exception {
        broker.apiVersionsBehavior = (req, ch) -> FakeBroker.apiVersionsResponse(req.header().apiVersion(),
            Map.of(ApiKeys.METADATA, new short[] {0, 9}));
        Node node = broker.node(1);
        assertFalse(client.isReady(node));
        ClientResponse r = client.send(node, ApiKeys.METADATA, ALL_TOPICS_METADATA).get(10, TimeUnit.SECONDS);
        assertEquals(9, r.version());
        assertEquals(ApiKeys.METADATA, r.api());
        assertTrue(r.latencyNanos() > 0);
        assertFalse(r.holdsFrame());
        assertTrue(client.isReady(node));
        assertEquals(0, client.inFlightCount(node));
        assertEquals(9, client.apiVersions(node).brokerMax(ApiKeys.METADATA));
        // The handshake used ApiVersions v4 with the client's software name.
        Struct apiVersionsRequest = broker.received.get(0).body();
        assertEquals(4, broker.received.get(0).header().apiVersion());
        assertEquals("strand-java", apiVersionsRequest.get(ApiVersions.Request.CLIENT_SOFTWARE_NAME));
        // A builder's own limit caps the version further.
        r = client.send(node, ApiKeys.METADATA, RequestBuilder.ofVersions((short) 1, (short) 4, ALL_TOPICS_METADATA))
            .get(10, TimeUnit.SECONDS);
        assertEquals(4, r.version());
        assertEquals(1, broker.connections.get(), "one connection for both requests");
    }

    @Test
    void noCommonVersionFailsNamingApiAndRanges() {
        broker.apiVersionsBehavior = (req, ch) -> FakeBroker.apiVersionsResponse(req.header().apiVersion(),
            Map.of(ApiKeys.PRODUCE, new short[] {0, 2}));
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.send(broker.node(1),
            ApiKeys.PRODUCE, v -> ApiDefinitions.of(ApiKeys.PRODUCE).newRequest()).get(10, TimeUnit.SECONDS));
        assertInstanceOf(UnsupportedVersionException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("No common version of Produce with the broker at node 1 (127.0.0.1:"
            + broker.port() + "): the broker supports 0-2, Strand 3-13"), e.getCause().getMessage());
    }

    @Test
    void unsupportedApiVersionsFallsBackToTheBrokersVersion() throws Exception {
        broker.apiVersionsBehavior = (req, ch) -> {
            if (req.header().apiVersion() > 2) {
                // Kafka's answer to a too-new ApiVersions request: v0, UNSUPPORTED_VERSION, its own ranges.
                Struct body = FakeBroker.apiVersionsResponse((short) 0, Map.of(ApiKeys.API_VERSIONS, new short[] {0, 2}))
                    .set(ApiVersions.Response.ERROR_CODE, Errors.UNSUPPORTED_VERSION.code());
                return Frames.encodeResponse(ch.alloc(), ApiKeys.API_VERSIONS, (short) 0, req.header().correlationId(), body);
            }
            return FakeBroker.apiVersionsResponse(req.header().apiVersion(), null);
        };
        client.send(broker.node(1), ApiKeys.METADATA, ALL_TOPICS_METADATA).get(10, TimeUnit.SECONDS);
        assertEquals(4, broker.received.get(0).header().apiVersion());
        assertEquals(2, broker.received.get(1).header().apiVersion());
        assertEquals(ApiKeys.METADATA, broker.received.get(2).header().api());
    }

    @Test
    void aRequestWithoutAnswerTimesOutAndClosesItsConnection() throws Exception {
        broker.behavior = (req, ch) -> null;
        Node node = broker.node(7);
        CompletableFuture<ClientResponse> first = client.send(node, ApiKeys.METADATA, ALL_TOPICS_METADATA, 10_000);
        CompletableFuture<ClientResponse> timed = client.send(node, ApiKeys.METADATA, ALL_TOPICS_METADATA, 300);
        ExecutionException e = assertThrows(ExecutionException.class, () -> timed.get(10, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
        String msg = e.getCause().getMessage();
        assertTrue(msg.startsWith("Request Metadata v13 (correlation id "), msg);
        assertTrue(msg.contains("to node 7 (127.0.0.1:" + broker.port() + ") timed out after 300 ms"), msg);
        assertTrue(msg.contains("request.timeout.ms"), msg);
        // The other request on the closed connection fails too, and says why.
        e = assertThrows(ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS));
        assertInstanceOf(NetworkException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("was closed before the response to Metadata v13"), e.getCause().getMessage());
        assertFalse(client.isReady(node));
        assertEquals(0, client.inFlightCount(node));
    }

    @Test
    void aServerThatNeverAnswersTimesOutRequestsWaitingForTheHandshake() {
        broker.apiVersionsBehavior = (req, ch) -> null;
        CompletableFuture<ClientResponse> f = client.send(broker.node(2), ApiKeys.METADATA, ALL_TOPICS_METADATA, 10_000 / 20);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("while waiting for the connection to be ready (state HANDSHAKE)"),
            e.getCause().getMessage());
    }

    @Test
    void connectionRefusedFailsNamingTheAddressThenBacksOff() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Node dead = new Node(3, "127.0.0.1", port);
        try (NetworkClient slow = new NetworkClient(new NetworkConfig().clientId("backoff-test")
            .reconnectBackoffMs(20_000, 20_000))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                () -> slow.send(dead, ApiKeys.METADATA, ALL_TOPICS_METADATA).get(10, TimeUnit.SECONDS));
            assertInstanceOf(DisconnectException.class, e.getCause());
            assertTrue(e.getCause().getMessage().startsWith("Connection to node 3 (127.0.0.1:" + port
                + ") could not be established"), e.getCause().getMessage());
            // Within the backoff the next send fails at once, saying so; leastLoadedNode skips the node.
            long delay = slow.connectionDelayMs(dead);
            assertTrue(delay > 10_000 && delay <= 24_001, "delay " + delay);
            assertNotNull(slow.lastConnectionFailure(dead));
            assertNull(slow.leastLoadedNode(new Cluster(null, List.of(dead), List.of(), Set.of(), Set.of())));
            assertFalse(slow.ready(dead));
            e = assertThrows(ExecutionException.class,
                () -> slow.send(dead, ApiKeys.METADATA, ALL_TOPICS_METADATA).get(10, TimeUnit.SECONDS));
            assertInstanceOf(DisconnectException.class, e.getCause());
            assertTrue(e.getCause().getMessage().startsWith("Not sending Metadata to node 3 (127.0.0.1:" + port
                + "): the connection is in reconnect backoff for another "), e.getCause().getMessage());
            assertTrue(e.getCause().getMessage().contains("could not be established"), e.getCause().getMessage());
        }
    }

    @Test
    void reconnectsAfterTheServerClosesTheConnection() throws Exception {
        broker.behavior = (req, ch) -> FakeBroker.CLOSE;
        Node node = broker.node(1);
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> client.send(node, ApiKeys.METADATA, ALL_TOPICS_METADATA).get(10, TimeUnit.SECONDS));
        assertInstanceOf(NetworkException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("node 1 (127.0.0.1:" + broker.port() + ") closed the connection"),
            e.getCause().getMessage());
        broker.behavior = (req, ch) -> ApiDefinitions.of(ApiKeys.METADATA).newResponse();
        waitUntil(() -> client.connectionDelayMs(node) == 0);
        assertEquals(13, client.send(node, ApiKeys.METADATA, ALL_TOPICS_METADATA).get(10, TimeUnit.SECONDS).version());
        assertEquals(2, broker.connections.get());
    }

    @Test
    void anAbsurdResponseSizeClosesTheConnectionWithAClearError() {
        broker.behavior = (req, ch) -> Unpooled.buffer().writeInt(0x7fffffff).writeInt(req.header().correlationId());
        assertGarbage("Invalid response size 2147483647 from node 1 (127.0.0.1:" + broker.port()
            + "): a response must be between 0 and 104857600 bytes.");
        broker.behavior = (req, ch) -> Unpooled.buffer().writeInt(-5);
        assertGarbage("Invalid response size -5");
        broker.behavior = (req, ch) -> Unpooled.buffer().writeInt(0x15030300);
        assertGarbage("It looks like a TLS record");
    }

    @Test
    void aWrongCorrelationIdOrMalformedBodyFailsNamingTheProblem() {
        broker.behavior = (req, ch) -> Frames.encodeResponse(ch.alloc(), ApiKeys.METADATA, req.header().apiVersion(),
            req.header().correlationId() + 100, ApiDefinitions.of(ApiKeys.METADATA).newResponse());
        assertGarbage("expected correlation id");
        broker.behavior = (req, ch) -> Unpooled.buffer().writeInt(7).writeInt(req.header().correlationId())
            .writeByte(0).writeShort(99);
        assertGarbage("Invalid Metadata response from node 1");
    }

    private void assertGarbage(String expected) {
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> client.send(broker.node(1), ApiKeys.METADATA, ALL_TOPICS_METADATA).get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains(expected), e.getCause().getMessage());
        waitUntil(() -> client.connectionDelayMs(broker.node(1)) == 0);
    }

    @Test
    void noResponseRequestsCompleteWhenWritten() throws Exception {
        broker.behavior = (req, ch) -> null;
        ClientResponse r = client.sendNoResponse(broker.node(1), ApiKeys.METADATA, ALL_TOPICS_METADATA, 10_000)
            .get(10, TimeUnit.SECONDS);
        assertFalse(r.hasResponse());
        assertNull(r.body());
        waitUntil(() -> broker.received.size() == 2);
        assertEquals(ApiKeys.METADATA, broker.received.get(1).header().api());
    }

    @Test
    void fetchResponsesHoldTheirFrameUntilReleased() throws Exception {
        ByteBuf records = Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5});
        broker.behavior = (req, ch) -> {
            Struct part = Fetch.Response.PartitionData.SCHEMA.newStruct()
                .set(Fetch.Response.PartitionData.RECORDS, records.duplicate());
            Struct topic = Fetch.Response.FetchableTopicResponse.SCHEMA.newStruct()
                .set(Fetch.Response.FetchableTopicResponse.TOPIC, "t")
                .set(Fetch.Response.FetchableTopicResponse.PARTITIONS, List.of(part));
            return ApiDefinitions.of(ApiKeys.FETCH).newResponse().set(Fetch.Response.RESPONSES, List.of(topic));
        };
        ClientResponse r = client.send(broker.node(1), ApiKeys.FETCH,
            RequestBuilder.ofVersions((short) 4, (short) 12, v -> ApiDefinitions.of(ApiKeys.FETCH).newRequest()))
            .get(10, TimeUnit.SECONDS);
        assertEquals(12, r.version());
        assertTrue(r.holdsFrame());
        ByteBuf slice = r.body().get(Fetch.Response.RESPONSES).get(0).get(Fetch.Response.FetchableTopicResponse.PARTITIONS)
            .get(0).get(Fetch.Response.PartitionData.RECORDS);
        assertEquals(5, slice.readableBytes());
        assertEquals(3, slice.getByte(slice.readerIndex() + 2));
        assertTrue(slice.refCnt() > 0);
        r.release();
        assertFalse(r.holdsFrame());
        assertEquals(0, slice.refCnt(), "the frame was the only holder of the slice's memory");
        r.release();
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        try (NetworkClient idle = new NetworkClient(new NetworkConfig().clientId("idle-test").connectionsMaxIdleMs(100))) {
            Node node = broker.node(1);
            idle.send(node, ApiKeys.METADATA, ALL_TOPICS_METADATA).get(10, TimeUnit.SECONDS);
            assertTrue(idle.isReady(node));
            waitUntil(() -> !idle.isReady(node));
            assertEquals(0, idle.connectionDelayMs(node), "an idle close is not a failure: no backoff");
            idle.send(node, ApiKeys.METADATA, ALL_TOPICS_METADATA).get(10, TimeUnit.SECONDS);
            assertEquals(2, broker.connections.get());
        }
    }

    @Test
    void builderFailuresFailTheSend() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.send(broker.node(1), ApiKeys.METADATA,
            v -> {
                throw new UnsupportedVersionException("cannot at v" + v);
            }).get(10, TimeUnit.SECONDS));
        assertEquals("cannot at v13", e.getCause().getMessage());
    }

    @Test
    void leastLoadedNodePrefersReadyNodes() throws Exception {
        Node ready = broker.node(1);
        client.send(ready, ApiKeys.METADATA, ALL_TOPICS_METADATA).get(10, TimeUnit.SECONDS);
        Node never = new Node(2, "127.0.0.1", 1);
        Cluster cluster = new Cluster(null, List.of(ready, never), List.of(), Set.of(), Set.of());
        for (int i = 0; i < 10; i++) {
            assertSame(ready, client.leastLoadedNode(cluster));
        }
        assertNull(client.leastLoadedNode(Cluster.empty()));
    }

    @Test
    void closeFailsPendingRequestsAndStopsTheThread() throws Exception {
        broker.behavior = (req, ch) -> null;
        NetworkClient c = new NetworkClient(new NetworkConfig().clientId("closing-client"));
        CompletableFuture<ClientResponse> pending = c.send(broker.node(1), ApiKeys.METADATA, ALL_TOPICS_METADATA);
        waitUntil(() -> broker.received.size() == 2);
        assertTrue(threadExists("strand-network-closing-client"));
        c.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
        assertEquals("The network client of closing-client was closed", e.getCause().getMessage());
        assertInstanceOf(KafkaException.class, e.getCause());
        waitUntil(() -> !threadExists("strand-network-closing-client"));
        e = assertThrows(ExecutionException.class,
            () -> c.send(broker.node(1), ApiKeys.METADATA, ALL_TOPICS_METADATA).get(1, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("was closed"));
        c.close();
    }

    static boolean threadExists(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name) && t.isAlive()) {
                return true;
            }
        }
        return false;
    }
}
