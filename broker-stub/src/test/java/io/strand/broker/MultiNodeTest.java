package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.message.Produce.Response.LeaderIdAndEpoch;
import io.strand.common.message.Produce.Response.PartitionResponse;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;

import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several nodes in one process: clients must route by leader, and survive leaders moving and nodes stopping. */
class MultiNodeTest {

    @Test
    void requestsToAFollowerGetNotLeaderWithTheCurrentLeader() throws Exception {
        try (StubBroker broker = StubBroker.builder().nodes(3).build()) {
            broker.createTopic("routed", 1);
            TopicPartition tp = new TopicPartition("routed", 0);
            io.strand.common.TopicPartition stp = new io.strand.common.TopicPartition("routed", 0);
            int leader = broker.leader(stp);
            int follower = (leader + 1) % 3;
            try (RawClient c = new RawClient(broker.port(follower))) {
                Struct r = RawProduce.produce(c, tp.topic(), 0, RawProduce.batch(-1, (short) -1, -1, 1));
                assertEquals(Errors.NOT_LEADER_OR_FOLLOWER.code(), r.getShort(PartitionResponse.ERROR_CODE));
                Struct current = r.get(PartitionResponse.CURRENT_LEADER);
                assertEquals(leader, current.getInt(LeaderIdAndEpoch.LEADER_ID));
            }
            try (RawClient c = new RawClient(broker.port(leader))) {
                Struct r = RawProduce.produce(c, tp.topic(), 0, RawProduce.batch(-1, (short) -1, -1, 1));
                assertEquals(Errors.NONE.code(), r.getShort(PartitionResponse.ERROR_CODE));
            }
        }
    }

    @Test
    void leadersMoveAndNodesStopWhileApacheClientsProduceAndConsume() throws Exception {
        try (StubBroker broker = StubBroker.builder().nodes(3).build()) {
            broker.createTopic("moving", 6);
            Set<Integer> leaders = new HashSet<>();
            for (int p = 0; p < 6; p++) {
                leaders.add(broker.leader(new io.strand.common.TopicPartition("moving", p)));
            }
            assertEquals(3, leaders.size(), "leaders spread over all nodes");
            int n = 0;
            try (KafkaProducer<byte[], byte[]> producer = ApacheClients.producer(broker, Map.of())) {
                n += send(producer, "moving", n, 100);
                io.strand.common.TopicPartition p0 = new io.strand.common.TopicPartition("moving", 0);
                int before = broker.leader(p0);
                int epoch = broker.leaderEpoch(p0);
                broker.moveLeader(p0, (before + 1) % 3);
                assertEquals(epoch + 1, broker.leaderEpoch(p0));
                n += send(producer, "moving", n, 100);
                broker.stopNode(2);
                assertFalse(broker.isRunning(2));
                for (int p = 0; p < 6; p++) {
                    assertNotEquals(2, broker.leader(new io.strand.common.TopicPartition("moving", p)));
                }
                n += send(producer, "moving", n, 100);
                broker.restartNode(2);
                n += send(producer, "moving", n, 100);
            }
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < 6; p++) {
                tps.add(new TopicPartition("moving", p));
            }
            try (KafkaConsumer<byte[], byte[]> consumer = ApacheClients.consumer(broker, Map.of())) {
                List<ConsumerRecord<byte[], byte[]>> got = ApacheClients.readAll(consumer, tps, n, Duration.ofSeconds(30));
                Set<String> values = new HashSet<>();
                got.forEach(r -> values.add(new String(r.value())));
                assertEquals(n, got.size(), "no record lost or duplicated");
                assertEquals(n, values.size());
            }
        }
    }

    @Test
    void aStoppedNodeRefusesConnectionsUntilRestartedOnTheSamePort() throws Exception {
        try (StubBroker broker = twoNodesOutsideTheEphemeralPortRange()) {
            int port = broker.port(1);
            // Repeated: the listening socket used to linger until the event loop's next select,
            // so a connection right after stopNode could succeed and a quick restart could not bind.
            for (int round = 0; round < 20; round++) {
                broker.stopNode(1);
                assertThrows(ConnectException.class, () -> new RawClient(port).close());
                assertFalse(broker.bootstrapServers().contains(":" + port));
                broker.restartNode(1);
                assertEquals(port, broker.port(1));
            }
            try (RawClient c = new RawClient(port)) {
                assertTrue(c.call(io.strand.common.protocol.ApiKeys.METADATA, 1,
                    io.strand.common.message.Metadata.DEFINITION.newRequest())
                    .get(io.strand.common.message.Metadata.Response.BROKERS).size() == 2);
            }
        }
    }

    /**
     * Two nodes on fixed ports below the range the kernel hands out for outgoing connections and
     * port-0 binds. On a free port from that range, another process's connection could be given
     * the port while the node is stopped (the restart then cannot bind it), or a connection to it
     * could get it as its own source port and connect to itself (so it is not refused). Only an
     * explicit bind can take a port outside the range; if one has, another is tried.
     */
    private static StubBroker twoNodesOutsideTheEphemeralPortRange() throws java.io.IOException {
        int ephemeralLow = 32768; // Linux's default; IANA's range (macOS, Windows) starts at 49152
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (java.nio.file.Files.isReadable(range)) {
            // readAllLines, not readString: procfs reports a size that readString trusts and cuts at.
            ephemeralLow = Integer.parseInt(java.nio.file.Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
        }
        int low = 10_000;
        int high = ephemeralLow - 2;
        if (high <= low) {
            throw new IllegalStateException("No ports below the ephemeral range (which starts at " + ephemeralLow + ")");
        }
        java.util.Random random = new java.util.Random();
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = low + random.nextInt(high - low);
            try {
                return StubBroker.builder().nodes(2).port(port).build();
            } catch (IllegalStateException e) {
                last = e; // bound by someone else: try another
            }
        }
        throw last;
    }

    @Test
    void topicsRecordsAndConfigsSurviveARestart(@TempDir Path dir) throws Exception {
        String clusterId;
        try (StubBroker broker = StubBroker.builder().nodes(2).dataDir(dir).build()) {
            clusterId = broker.clusterId();
            broker.createTopic("kept", 3, Map.of("retention.ms", "1000000"));
            try (KafkaProducer<byte[], byte[]> producer = ApacheClients.producer(broker, Map.of())) {
                send(producer, "kept", 0, 60);
            }
        }
        try (StubBroker broker = StubBroker.builder().nodes(2).dataDir(dir).build()) {
            assertEquals(clusterId, broker.clusterId());
            List<TopicPartition> tps = List.of(new TopicPartition("kept", 0), new TopicPartition("kept", 1),
                new TopicPartition("kept", 2));
            try (KafkaConsumer<byte[], byte[]> consumer = ApacheClients.consumer(broker, Map.of())) {
                assertEquals(60, ApacheClients.readAll(consumer, tps, 60, Duration.ofSeconds(30)).size());
            }
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                var cfg = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "kept"))).all().get().values()
                    .iterator().next();
                assertEquals("1000000", cfg.get("retention.ms").value());
            }
            // New producers get ids that no earlier producer had.
            try (KafkaProducer<byte[], byte[]> producer = ApacheClients.producer(broker, Map.of())) {
                send(producer, "kept", 60, 10);
            }
        }
    }

    private static int send(KafkaProducer<byte[], byte[]> producer, String topic, int from, int count) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            acks.add(producer.send(new ProducerRecord<>(topic, ("k" + i).getBytes(), ("v" + i).getBytes())));
        }
        for (Future<RecordMetadata> f : acks) {
            f.get();
        }
        return count;
    }
}
