package io.strand.clients.internals.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.strand.clients.internals.metadata.Metadata;
import io.strand.clients.testkit.RealKafka;
import io.strand.clients.testkit.RealKafkaExtension;
import io.strand.common.Cluster;
import io.strand.common.Node;
import io.strand.common.TopicPartition;
import io.strand.common.Uuid;
import io.strand.common.compress.Compression;
import io.strand.common.errors.RetriableException;
import io.strand.common.errors.TimeoutException;
import io.strand.common.message.ApiDefinitions;
import io.strand.common.message.Fetch;
import io.strand.common.message.Produce;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import io.strand.common.record.MemoryRecords;
import io.strand.common.record.MemoryRecordsBuilder;
import io.strand.common.record.Record;
import io.strand.common.record.TimestampType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** NetworkClient and Metadata against a real Apache Kafka 4.1 broker. */
@ExtendWith(RealKafkaExtension.class)
class RealKafkaNetworkTest {

    private NetworkClient client;
    private final List<Metadata> metadatas = new ArrayList<>();

    @BeforeEach
    void setUp() {
        client = new NetworkClient(new NetworkConfig().clientId("real-kafka-network-test").requestTimeoutMs(30_000)
            .reconnectBackoffMs(20, 200));
    }

    @AfterEach
    void tearDown() {
        metadatas.forEach(Metadata::close);
        client.close();
    }

    private Metadata metadata(RealKafka kafka, boolean autoCreate) {
        Metadata m = new Metadata(client, List.of(kafka.bootstrapServers()),
            List.of(new InetSocketAddress("127.0.0.1", kafka.port())), 300_000, 20, 200, 30_000, autoCreate);
        metadatas.add(m);
        return m;
    }

    @Test
    void negotiatesWithKafkaAndReadsItsMetadata(RealKafka kafka) throws Exception {
        String topic = RealKafka.uniqueTopic("net-metadata");
        kafka.createTopic(topic, 3);
        Metadata metadata = metadata(kafka, false);
        Cluster cluster = metadata.awaitTopic(topic, 30_000, "max.block.ms");
        assertEquals(kafka.clusterId(), cluster.clusterId());
        assertEquals(1, cluster.nodes().size());
        Node broker = cluster.nodes().get(0);
        assertEquals(kafka.port(), broker.port());
        assertEquals(3, cluster.partitionCountForTopic(topic));
        assertEquals(broker, cluster.leaderFor(new TopicPartition(topic, 2)));
        String apacheId = kafka.admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
            .get(topic).topicId().toString();
        assertEquals(apacheId, cluster.topicId(topic).toString(), "Strand's topic id is Kafka's");
        assertFalse(Uuid.ZERO_UUID.equals(cluster.topicId(topic)));
        assertTrue(metadata.leaderEpoch(new TopicPartition(topic, 0)) >= 0);

        // The bootstrap connection negotiated the 4.1 broker's versions.
        NodeApiVersions versions = client.apiVersions(new Node(-1, "127.0.0.1", kafka.port()));
        assertEquals(13, versions.brokerMax(ApiKeys.METADATA));
        assertEquals(13, versions.brokerMax(ApiKeys.PRODUCE));
        assertEquals(18, versions.brokerMax(ApiKeys.FETCH));
        assertEquals(4, versions.brokerMax(ApiKeys.API_VERSIONS));
    }

    @Test
    void producesAndFetchesRecordsThroughTheNetworkClient(RealKafka kafka) throws Exception {
        String topic = RealKafka.uniqueTopic("net-produce");
        kafka.createTopic(topic, 1);
        Metadata metadata = metadata(kafka, false);
        Node leader = metadata.awaitTopic(topic, 30_000, "max.block.ms").leaderFor(new TopicPartition(topic, 0));

        ByteBuf batch = ByteBufAllocator.DEFAULT.buffer();
        try {
            MemoryRecordsBuilder b = MemoryRecords.builder(batch, Compression.NONE, TimestampType.CREATE_TIME, 0);
            for (int i = 0; i < 3; i++) {
                b.append(System.currentTimeMillis(), null, ("value-" + i).getBytes(StandardCharsets.UTF_8));
            }
            b.close();
            ByteBuf records = b.batch();
            ClientResponse produced = client.send(leader, ApiKeys.PRODUCE,
                RequestBuilder.ofVersions((short) 3, (short) 12, v -> produceRequest(topic, records, (short) -1)))
                .get(30, TimeUnit.SECONDS);
            assertEquals(12, produced.version());
            Struct partition = produced.body().get(Produce.Response.RESPONSES).get(0)
                .get(Produce.Response.TopicResponse.PARTITION_RESPONSES).get(0);
            assertEquals(Errors.NONE.code(), partition.get(Produce.Response.PartitionResponse.ERROR_CODE));
            assertEquals(0L, partition.get(Produce.Response.PartitionResponse.BASE_OFFSET));
            assertTrue(records.isReadable(), "encoding the request did not consume the caller's buffer");

            // acks=0: no response; the future completes when the request is written.
            ClientResponse noAck = client.sendNoResponse(leader, ApiKeys.PRODUCE,
                RequestBuilder.ofVersions((short) 3, (short) 12, v -> produceRequest(topic, records, (short) 0)), 30_000)
                .get(30, TimeUnit.SECONDS);
            assertFalse(noAck.hasResponse());
        } finally {
            batch.release();
        }

        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (values.size() < 6 && System.nanoTime() < deadline) {
            values.clear();
            ClientResponse fetched = client.send(leader, ApiKeys.FETCH,
                RequestBuilder.ofVersions((short) 4, (short) 12, v -> fetchRequest(topic))).get(30, TimeUnit.SECONDS);
            try {
                assertTrue(fetched.holdsFrame());
                Struct data = fetched.body().get(Fetch.Response.RESPONSES).get(0)
                    .get(Fetch.Response.FetchableTopicResponse.PARTITIONS).get(0);
                assertEquals(Errors.NONE.code(), data.get(Fetch.Response.PartitionData.ERROR_CODE));
                ByteBuf slice = data.get(Fetch.Response.PartitionData.RECORDS);
                for (Record r : MemoryRecords.readableRecords(slice).records()) {
                    values.add(new String(r.valueArray(), StandardCharsets.UTF_8));
                }
            } finally {
                fetched.release();
            }
        }
        assertEquals(List.of("value-0", "value-1", "value-2", "value-0", "value-1", "value-2"), values);
    }

    @Test
    void aMegabyteFetchResponseArrivesWholeThroughASmallReceiveBuffer(RealKafka kafka) throws Exception {
        // About 1 MB in one response through a 16 KiB socket buffer: after the read that brings the
        // size in, the rest is read straight into the frame (FrameReadAllocator), in many reads.
        String topic = RealKafka.uniqueTopic("net-big-fetch");
        kafka.createTopic(topic, 1);
        Node leader = metadata(kafka, false).awaitTopic(topic, 30_000, "max.block.ms")
            .leaderFor(new TopicPartition(topic, 0));
        int valueSize = 10_000;
        int perBatch = 50;
        for (int batchIndex = 0; batchIndex < 2; batchIndex++) {
            ByteBuf batch = ByteBufAllocator.DEFAULT.buffer();
            try {
                MemoryRecordsBuilder b = MemoryRecords.builder(batch, Compression.NONE, TimestampType.CREATE_TIME, 0);
                for (int i = 0; i < perBatch; i++) {
                    b.append(System.currentTimeMillis(), null, bigValue(batchIndex * perBatch + i, valueSize));
                }
                b.close();
                ByteBuf records = b.batch();
                ClientResponse produced = client.send(leader, ApiKeys.PRODUCE,
                    RequestBuilder.ofVersions((short) 3, (short) 12, v -> produceRequest(topic, records, (short) -1)))
                    .get(30, TimeUnit.SECONDS);
                assertEquals(Errors.NONE.code(), produced.body().get(Produce.Response.RESPONSES).get(0)
                    .get(Produce.Response.TopicResponse.PARTITION_RESPONSES).get(0)
                    .get(Produce.Response.PartitionResponse.ERROR_CODE));
            } finally {
                batch.release();
            }
        }

        try (NetworkClient small = new NetworkClient(new NetworkConfig().clientId("real-kafka-small-buffer")
            .requestTimeoutMs(30_000).socketBuffers(128 * 1024, 16 * 1024))) {
            ClientResponse fetched = small.send(leader, ApiKeys.FETCH,
                RequestBuilder.ofVersions((short) 4, (short) 12, v -> fetchRequest(topic))).get(30, TimeUnit.SECONDS);
            try {
                Struct data = fetched.body().get(Fetch.Response.RESPONSES).get(0)
                    .get(Fetch.Response.FetchableTopicResponse.PARTITIONS).get(0);
                assertEquals(Errors.NONE.code(), data.get(Fetch.Response.PartitionData.ERROR_CODE));
                ByteBuf slice = data.get(Fetch.Response.PartitionData.RECORDS);
                assertTrue(slice.readableBytes() > 2 * perBatch * valueSize, "both batches in one response: "
                    + slice.readableBytes() + " bytes");
                int index = 0;
                for (Record r : MemoryRecords.readableRecords(slice).records()) {
                    assertEquals(index, r.offset());
                    assertArrayEquals(bigValue(index, valueSize), r.valueArray(), "record " + index);
                    index++;
                }
                assertEquals(2 * perBatch, index);
            } finally {
                fetched.release();
            }
        }
    }

    @Test
    void kafkaGivesNoResponseEntryToATopicNamedWithoutPartitions(RealKafka kafka) throws Exception {
        // The reference for the bundled broker's Fetch handler, which ConnectionOrderTest holds to the same.
        String topic = RealKafka.uniqueTopic("net-fetch-topic");
        String empty = RealKafka.uniqueTopic("net-fetch-empty");
        kafka.createTopic(topic, 1);
        kafka.createTopic(empty, 1);
        Node leader = metadata(kafka, false).awaitTopic(topic, 30_000, "max.block.ms")
            .leaderFor(new TopicPartition(topic, 0));
        ClientResponse fetched = client.send(leader, ApiKeys.FETCH, RequestBuilder.ofVersions((short) 4, (short) 12, v -> {
            Struct request = fetchRequest(topic);
            Struct named = Fetch.Request.FetchTopic.SCHEMA.newStruct().set(Fetch.Request.FetchTopic.TOPIC, empty)
                .set(Fetch.Request.FetchTopic.PARTITIONS, List.of());
            return request.set(Fetch.Request.TOPICS, List.of(named, request.get(Fetch.Request.TOPICS).get(0)));
        })).get(30, TimeUnit.SECONDS);
        try {
            List<Struct> topics = fetched.body().get(Fetch.Response.RESPONSES);
            assertEquals(1, topics.size(), topics.toString());
            assertEquals(topic, topics.get(0).get(Fetch.Response.FetchableTopicResponse.TOPIC));
        } finally {
            fetched.release();
        }
    }

    /** A value whose every byte depends on the record's index and place, so a shifted or reused byte shows. */
    private static byte[] bigValue(int index, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (index * 31 + i * 7 + (i >> 8));
        }
        return b;
    }

    @Test
    void autoCreationFollowsTheMetadataSetting(RealKafka kafka) {
        String created = RealKafka.uniqueTopic("net-autocreate");
        assertEquals(1, metadata(kafka, true).awaitTopic(created, 30_000, "max.block.ms").partitionCountForTopic(created));
        String notCreated = RealKafka.uniqueTopic("net-no-autocreate");
        Metadata consumerLike = metadata(kafka, false);
        TimeoutException e = org.junit.jupiter.api.Assertions.assertThrows(TimeoutException.class,
            () -> consumerLike.awaitTopic(notCreated, 500, "default.api.timeout.ms"));
        assertTrue(e.getMessage().contains("the broker reports UNKNOWN_TOPIC_OR_PARTITION for the topic and this client "
            + "does not ask for it to be created"), e.getMessage());
        assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, consumerLike.topicError(notCreated));
    }

    @Test
    void survivesABrokerRestart() throws Exception {
        try (RealKafka own = RealKafka.start()) {
            String topic = RealKafka.uniqueTopic("net-restart");
            own.createTopic(topic, 1);
            Metadata metadata = metadata(own, false);
            Node leader = metadata.awaitTopic(topic, 30_000, "max.block.ms").leaderFor(new TopicPartition(topic, 0));
            client.send(leader, ApiKeys.METADATA, v -> ApiDefinitions.of(ApiKeys.METADATA).newRequest())
                .get(30, TimeUnit.SECONDS);
            assertTrue(client.isReady(leader));

            own.stop();
            ExecutionException down = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> client.send(leader, ApiKeys.METADATA, v -> ApiDefinitions.of(ApiKeys.METADATA).newRequest())
                    .get(30, TimeUnit.SECONDS));
            assertInstanceOf(RetriableException.class, down.getCause());
            assertTrue(down.getCause().getMessage().contains("127.0.0.1:" + own.port()), down.getCause().getMessage());

            own.restart();
            ClientResponse back = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (back == null && System.nanoTime() < deadline) {
                try {
                    back = client.send(leader, ApiKeys.METADATA, v -> ApiDefinitions.of(ApiKeys.METADATA).newRequest())
                        .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertInstanceOf(RetriableException.class, e.getCause());
                    Thread.sleep(50);
                }
            }
            assertEquals(13, back.version());
            int version = metadata.updateVersion();
            assertEquals(topic, metadata.awaitUpdate(version, 60_000).get(60, TimeUnit.SECONDS)
                .partitionsForTopic(topic).get(0).topic());
            assertNull(metadata.lastFailure());
        }
    }

    private static Struct produceRequest(String topic, ByteBuf records, short acks) {
        Struct partition = Produce.Request.PartitionData.SCHEMA.newStruct()
            .set(Produce.Request.PartitionData.INDEX, 0)
            .set(Produce.Request.PartitionData.RECORDS, records);
        Struct topicData = Produce.Request.TopicData.SCHEMA.newStruct()
            .set(Produce.Request.TopicData.NAME, topic)
            .set(Produce.Request.TopicData.PARTITION_DATA, List.of(partition));
        return ApiDefinitions.of(ApiKeys.PRODUCE).newRequest()
            .set(Produce.Request.ACKS, acks)
            .set(Produce.Request.TIMEOUT_MS, 30_000)
            .set(Produce.Request.TOPIC_DATA, List.of(topicData));
    }

    private static Struct fetchRequest(String topic) {
        Struct partition = Fetch.Request.FetchPartition.SCHEMA.newStruct()
            .set(Fetch.Request.FetchPartition.PARTITION, 0)
            .set(Fetch.Request.FetchPartition.FETCH_OFFSET, 0L)
            .set(Fetch.Request.FetchPartition.PARTITION_MAX_BYTES, 1 << 20);
        Struct fetchTopic = Fetch.Request.FetchTopic.SCHEMA.newStruct()
            .set(Fetch.Request.FetchTopic.TOPIC, topic)
            .set(Fetch.Request.FetchTopic.PARTITIONS, List.of(partition));
        return ApiDefinitions.of(ApiKeys.FETCH).newRequest()
            .set(Fetch.Request.MAX_WAIT_MS, 100)
            .set(Fetch.Request.MIN_BYTES, 1)
            .set(Fetch.Request.MAX_BYTES, 1 << 20)
            .set(Fetch.Request.TOPICS, List.of(fetchTopic));
    }
}
