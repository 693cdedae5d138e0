package io.strand.clients.internals.metadata;

import static io.strand.clients.testkit.TestUtils.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.clients.internals.network.FakeBroker;
import io.strand.clients.internals.network.NetworkClient;
import io.strand.clients.internals.network.NetworkConfig;
import io.strand.common.Cluster;
import io.strand.common.TopicPartition;
import io.strand.common.Uuid;
import io.strand.common.errors.InvalidTopicException;
import io.strand.common.errors.TimeoutException;
import io.strand.common.errors.TopicAuthorizationException;
import io.strand.common.message.ApiDefinitions;
import io.strand.common.message.Metadata.Response;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetadataTest {

    private FakeBroker broker;
    private NetworkClient client;
    private Metadata metadata;
    /** topic -> {partitions, leaderEpoch} or an error code as {-errorCode}. */
    private final Map<String, int[]> topics = new ConcurrentHashMap<>();
    private final AtomicInteger metadataRequests = new AtomicInteger();
    private final Uuid topicId = Uuid.randomUuid();

    @BeforeEach
    void setUp() throws Exception {
        broker = new FakeBroker();
        broker.behavior = (req, ch) -> {
            if (req.header().api() != ApiKeys.METADATA) {
                return null;
            }
            metadataRequests.incrementAndGet();
            return metadataResponse(req.body());
        };
        client = new NetworkClient(new NetworkConfig().clientId("metadata-test").requestTimeoutMs(5000));
    }

    @AfterEach
    void tearDown() {
        if (metadata != null) {
            metadata.close();
        }
        client.close();
        broker.close();
    }

    private Metadata newMetadata(List<String> servers, List<InetSocketAddress> addresses, boolean autoCreate) {
        return new Metadata(client, servers, addresses, 300_000, 20, 100, 5000, autoCreate);
    }

    private Metadata newMetadata() {
        String server = "127.0.0.1:" + broker.port();
        return newMetadata(List.of(server), List.of(new InetSocketAddress("127.0.0.1", broker.port())), true);
    }

    private Struct metadataResponse(Struct request) {
        List<Struct> requested = request.get(io.strand.common.message.Metadata.Request.TOPICS);
        List<String> names = new ArrayList<>();
        if (requested == null) {
            names.addAll(topics.keySet());
        } else {
            for (Struct t : requested) {
                names.add(t.get(io.strand.common.message.Metadata.Request.Topic.NAME));
            }
        }
        List<Struct> topicStructs = new ArrayList<>();
        for (String name : names) {
            int[] spec = topics.getOrDefault(name, new int[] {-Errors.UNKNOWN_TOPIC_OR_PARTITION.code()});
            Struct t = Response.Topic.SCHEMA.newStruct().set(Response.Topic.NAME, name)
                .set(Response.Topic.TOPIC_ID, topicId);
            if (spec[0] < 0) {
                t.setShort(Response.Topic.ERROR_CODE, -spec[0]);
            } else {
                List<Struct> parts = new ArrayList<>();
                for (int p = 0; p < spec[0]; p++) {
                    parts.add(Response.Partition.SCHEMA.newStruct()
                        .set(Response.Partition.PARTITION_INDEX, p)
                        .set(Response.Partition.LEADER_ID, 0)
                        .set(Response.Partition.LEADER_EPOCH, spec[1])
                        .set(Response.Partition.REPLICA_NODES, List.of(0))
                        .set(Response.Partition.ISR_NODES, List.of(0)));
                }
                t.set(Response.Topic.PARTITIONS, parts);
            }
            topicStructs.add(t);
        }
        Struct broker0 = Response.Broker.SCHEMA.newStruct().set(Response.Broker.NODE_ID, 0)
            .set(Response.Broker.HOST, "127.0.0.1").set(Response.Broker.PORT, broker.port());
        return ApiDefinitions.of(ApiKeys.METADATA).newResponse()
            .set(Response.BROKERS, List.of(broker0))
            .set(Response.CLUSTER_ID, "fake-cluster")
            .set(Response.CONTROLLER_ID, 0)
            .set(Response.TOPICS, topicStructs);
    }

    @Test
    void bootstrapsThenKnowsTheBrokers() throws Exception {
        metadata = newMetadata();
        Cluster c = metadata.awaitUpdate(0, 10_000).get(10, TimeUnit.SECONDS);
        assertTrue(metadata.isBootstrapped());
        assertEquals("fake-cluster", c.clusterId());
        assertEquals(1, c.nodes().size());
        assertEquals(0, c.nodes().get(0).id());
        assertEquals(0, c.controller().id());
    }

    @Test
    void awaitTopicReturnsPartitionsLeadersEpochsAndIds() {
        topics.put("orders", new int[] {3, 5});
        metadata = newMetadata();
        Cluster c = metadata.awaitTopic("orders", 10_000, "max.block.ms");
        assertEquals(3, c.partitionCountForTopic("orders"));
        assertEquals(0, c.leaderFor(new TopicPartition("orders", 2)).id());
        assertEquals(topicId, c.topicId("orders"));
        assertEquals(5, metadata.leaderEpoch(new TopicPartition("orders", 1)));
        assertTrue(metadata.topics().contains("orders"));
    }

    @Test
    void topicErrorsAreKeptAndRaised() {
        topics.put("secret", new int[] {-Errors.TOPIC_AUTHORIZATION_FAILED.code()});
        topics.put("bad name", new int[] {-Errors.INVALID_TOPIC_EXCEPTION.code()});
        metadata = newMetadata();
        TopicAuthorizationException auth = assertThrows(TopicAuthorizationException.class,
            () -> metadata.awaitTopic("secret", 10_000, "max.block.ms"));
        assertEquals(java.util.Set.of("secret"), auth.unauthorizedTopics());
        assertEquals(Errors.TOPIC_AUTHORIZATION_FAILED, metadata.topicError("secret"));
        assertTrue(metadata.fetch().unauthorizedTopics().contains("secret"));
        assertThrows(InvalidTopicException.class, () -> metadata.awaitTopic("bad name", 10_000, "max.block.ms"));
        assertEquals(Errors.INVALID_TOPIC_EXCEPTION, metadata.topicError("bad name"));
    }

    @Test
    void unknownTopicTimesOutNamingTheTopicTheSettingAndTheError() {
        metadata = newMetadata(List.of("127.0.0.1:" + broker.port()),
            List.of(new InetSocketAddress("127.0.0.1", broker.port())), false);
        TimeoutException e = assertThrows(TimeoutException.class, () -> metadata.awaitTopic("missing", 300, "max.block.ms"));
        assertEquals("Topic missing not present in metadata after 300 ms (max.block.ms); bootstrap.servers is 127.0.0.1:"
            + broker.port() + "; the broker reports UNKNOWN_TOPIC_OR_PARTITION for the topic and this client does not "
            + "ask for it to be created", e.getMessage());
        assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, metadata.topicError("missing"));
        // The topic appears later: the next wait finds it.
        topics.put("missing", new int[] {1, 0});
        assertEquals(1, metadata.awaitTopic("missing", 10_000, "max.block.ms").partitionCountForTopic("missing"));
    }

    @Test
    void brokerDownTimesOutNamingTopicBootstrapServersAndMaxBlock() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        metadata = newMetadata(List.of("127.0.0.1:" + port), List.of(new InetSocketAddress("127.0.0.1", port)), true);
        TimeoutException e = assertThrows(TimeoutException.class, () -> metadata.awaitTopic("t", 500, "max.block.ms"));
        assertTrue(e.getMessage().startsWith("Topic t not present in metadata after 500 ms (max.block.ms); "
            + "bootstrap.servers is 127.0.0.1:" + port + "; the last metadata request failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertFalse(metadata.isBootstrapped());
    }

    @Test
    void staleEpochsAreIgnored() {
        topics.put("t", new int[] {1, 7});
        metadata = newMetadata();
        metadata.awaitTopic("t", 10_000, "max.block.ms");
        TopicPartition tp = new TopicPartition("t", 0);
        assertEquals(7, metadata.leaderEpoch(tp));
        topics.put("t", new int[] {1, 4});
        int version = metadata.updateVersion();
        waitForVersionAbove(version);
        assertEquals(7, metadata.leaderEpoch(tp), "epoch 4 is older than 7: ignored");
        topics.put("t", new int[] {1, 9});
        waitUntil(() -> Integer.valueOf(9).equals(metadata.leaderEpoch(tp)));
        assertTrue(metadata.updateLastSeenEpochIfNewer(tp, 12), "a newer epoch from a fetch asks for an update");
        assertFalse(metadata.updateLastSeenEpochIfNewer(tp, 11));
    }

    @Test
    void allTopicsForPatternSubscriptions() throws Exception {
        topics.put("a", new int[] {1, 0});
        topics.put("b", new int[] {2, 0});
        metadata = newMetadata();
        metadata.needAllTopics(true);
        waitUntil(() -> metadata.fetch().topics().size() == 2);
        assertEquals(2, metadata.fetch().partitionCountForTopic("b"));
        assertNull(metadata.topicError("a"));
    }

    @Test
    void aWaitersTimeoutDoesNotCompleteOtherWaiters() throws Exception {
        broker.behavior = (req, ch) -> null; // metadata requests hang until request.timeout.ms (5 s)
        metadata = newMetadata();
        var e = assertThrows(java.util.concurrent.ExecutionException.class,
            () -> metadata.awaitUpdate(0, 50).get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof TimeoutException, e.getCause().toString());
        var mine = metadata.nextAttempt();
        mine.completeExceptionally(new IllegalStateException("a caller's own doing"));
        assertFalse(metadata.nextAttempt().isDone(), "the attempt in flight has not ended");
    }

    @Test
    void closeFailsWaiters() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        metadata = newMetadata(List.of("127.0.0.1:" + port), List.of(new InetSocketAddress("127.0.0.1", port)), true);
        var f = metadata.awaitUpdate(0, 60_000);
        metadata.close();
        var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("closed"), e.getCause().getMessage());
    }

    private void waitForVersionAbove(int version) {
        metadata.requestUpdate();
        waitUntil(() -> metadata.updateVersion() > version);
    }
}
