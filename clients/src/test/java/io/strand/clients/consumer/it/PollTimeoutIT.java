package io.strand.clients.consumer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.common.TopicPartition;
import io.strand.common.errors.TimeoutException;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * poll never blocks longer than its timeout, and the other blocking calls give up with a
 * TimeoutException at theirs: with no broker at all, with the coordinator unavailable, and with
 * the broker gone mid-stream. Bounds are generous (timeout + 2 s): the point is "not stuck".
 */
class PollTimeoutIT {

    private static final long SLACK_MS = 2000;

    private static long elapsed(Executable e) throws Throwable {
        long start = System.nanoTime();
        e.execute();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void pollsWithinTimeout(KafkaConsumer<byte[], byte[]> c, int timeoutMs, int times) throws Throwable {
        for (int i = 0; i < times; i++) {
            long ms = elapsed(() -> assertTrue(c.poll(Duration.ofMillis(timeoutMs)).isEmpty()));
            assertTrue(ms <= timeoutMs + SLACK_MS, "poll(" + timeoutMs + ") took " + ms + " ms");
        }
    }

    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void noBrokerAtAll() throws Throwable {
        String bootstrap = "127.0.0.1:" + deadPort();
        TopicPartition tp = new TopicPartition("t", 0);
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(bootstrap, "g", Map.of())) {
            c.subscribe(List.of("t"));
            pollsWithinTimeout(c, 300, 4);
            pollsWithinTimeout(c, 0, 3);
            long ms = elapsed(() -> assertThrows(TimeoutException.class,
                () -> c.commitSync(Map.of(tp, new OffsetAndMetadata(1)), Duration.ofMillis(400))));
            assertTrue(ms <= 400 + SLACK_MS, "commitSync took " + ms);
            ms = elapsed(() -> assertThrows(TimeoutException.class, () -> c.committed(Set.of(tp), Duration.ofMillis(400))));
            assertTrue(ms <= 400 + SLACK_MS, "committed took " + ms);
            ms = elapsed(() -> assertThrows(TimeoutException.class, () -> c.partitionsFor("t", Duration.ofMillis(400))));
            assertTrue(ms <= 400 + SLACK_MS, "partitionsFor took " + ms);
            ms = elapsed(() -> assertThrows(TimeoutException.class, () -> c.listTopics(Duration.ofMillis(400))));
            assertTrue(ms <= 400 + SLACK_MS, "listTopics took " + ms);
        }
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(bootstrap, null, Map.of())) {
            c.assign(List.of(tp));
            pollsWithinTimeout(c, 300, 3);
            long ms = elapsed(() -> assertThrows(TimeoutException.class, () -> c.position(tp, Duration.ofMillis(400))));
            assertTrue(ms <= 400 + SLACK_MS, "position took " + ms);
            ms = elapsed(() -> assertThrows(TimeoutException.class,
                () -> c.endOffsets(List.of(tp), Duration.ofMillis(400))));
            assertTrue(ms <= 400 + SLACK_MS, "endOffsets took " + ms);
            ms = elapsed(() -> assertThrows(TimeoutException.class,
                () -> c.offsetsForTimes(Map.of(tp, 0L), Duration.ofMillis(400))));
            assertTrue(ms <= 400 + SLACK_MS, "offsetsForTimes took " + ms);
            // close does not hang either
            ms = elapsed(() -> c.close(Duration.ofMillis(500)));
            assertTrue(ms <= 500 + SLACK_MS, "close took " + ms);
        }
    }

    @Test
    void coordinatorUnavailable() throws Throwable {
        try (StubBroker broker = StubBroker.builder().build()) {
            broker.createTopic("t", 2);
            TestData.produce(broker.bootstrapServers(), "t", 2, 10, 20, "none");
            broker.faults().failNext(ApiKeys.FIND_COORDINATOR, 1_000_000, Errors.COORDINATOR_NOT_AVAILABLE);
            try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), "g", Map.of())) {
                c.subscribe(List.of("t"));
                pollsWithinTimeout(c, 300, 5);
                assertTrue(c.assignment().isEmpty(), "no group without a coordinator");
                broker.faults().clear();
                long deadline = System.currentTimeMillis() + 30_000;
                int read = 0;
                while (read < 20 && System.currentTimeMillis() < deadline) {
                    read += c.poll(Duration.ofMillis(100)).count();
                }
                assertEquals(20, read, "once the coordinator is back, the group forms and reads");
            }
        }
    }

    @Test
    void brokerGoneMidStream() throws Throwable {
        try (StubBroker broker = StubBroker.builder().build()) {
            broker.createTopic("t", 1);
            TestData.produce(broker.bootstrapServers(), "t", 1, 10, 20, "none");
            try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), "g",
                Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000))) {
                c.subscribe(List.of("t"));
                long deadline = System.currentTimeMillis() + 30_000;
                int read = 0;
                while (read < 10 && System.currentTimeMillis() < deadline) {
                    read += c.poll(Duration.ofMillis(100)).count();
                }
                assertEquals(10, read);
                broker.stopNode(broker.nodes().get(0).id());
                pollsWithinTimeout(c, 300, 8);
                long ms = elapsed(() -> c.close(Duration.ofMillis(1000)));
                assertTrue(ms <= 1000 + SLACK_MS, "close took " + ms);
            }
        }
    }
}
