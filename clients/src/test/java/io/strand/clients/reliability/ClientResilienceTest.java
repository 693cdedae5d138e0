package io.strand.clients.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.ProducerConfig;
import io.strand.clients.producer.ProducerRecord;
import io.strand.common.TopicPartition;
import io.strand.common.errors.TimeoutException;
import io.strand.common.serialization.StringDeserializer;
import io.strand.common.serialization.StringSerializer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Strand clients when the broker misbehaves: each case ends the way Apache's clients end it
 * (a send failing after max.block.ms, polls that return nothing instead of throwing, a
 * subscription whose deleted topic is revoked), and close() leaves no thread of the client
 * behind, counted right after it returns.
 */
class ClientResilienceTest {

    private Set<Thread> before;

    @BeforeEach
    void countThreads() {
        before = Thread.getAllStackTraces().keySet();
    }

    @AfterEach
    void noThreadLeftBehind() {
        List<String> left = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t) && t.isAlive() && !t.getName().startsWith("strand-broker")
                && !t.getName().startsWith("kafka-") && !t.getName().contains("adminclient")
                // Netty's process-wide executor (channel groups, termination futures): ends itself after 1 s idle.
                && !t.getName().startsWith("globalEventExecutor"))
            .map(Thread::getName).collect(Collectors.toList());
        assertEquals(List.of(), left, "threads the clients left after close()");
    }

    @Test
    void brokerDownAtStartFailsTheSendAfterMaxBlockAndPollReturnsNothing() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String nowhere = "127.0.0.1:" + port;
        Map<String, Object> p = producerProps(nowhere);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                () -> producer.send(new ProducerRecord<>("t", "v")).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("max.block.ms"), e.getCause().getMessage());
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(nowhere, "down"))) {
            consumer.subscribe(List.of("t"));
            for (int i = 0; i < 3; i++) {
                assertTrue(consumer.poll(Duration.ofMillis(200)).isEmpty());
            }
        }
    }

    @Test
    void brokerKilledDuringPollIsWaitedOutAndConsumingResumes() throws Exception {
        try (StubBroker broker = StubBroker.builder().build()) {
            broker.createTopic("resume", 1);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker.bootstrapServers()));
                 KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(broker.bootstrapServers(), null))) {
                TopicPartition tp = new TopicPartition("resume", 0);
                consumer.assign(List.of(tp));
                producer.send(new ProducerRecord<>("resume", "before")).get(30, TimeUnit.SECONDS);
                assertEquals(List.of("before"), pollValues(consumer, 1));
                broker.stopNode(0);
                for (int i = 0; i < 5; i++) {
                    assertTrue(consumer.poll(Duration.ofMillis(200)).isEmpty(), "nothing, and no exception, while down");
                }
                broker.restartNode(0);
                producer.send(new ProducerRecord<>("resume", "after")).get(30, TimeUnit.SECONDS);
                assertEquals(List.of("after"), pollValues(consumer, 1));
            }
        }
    }

    @Test
    void coordinatorMovedToAnotherNodeTheGroupKeepsCommitting() throws Exception {
        try (StubBroker broker = StubBroker.builder().nodes(3).build()) {
            broker.createTopic("moving", 3);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker.bootstrapServers()));
                 KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(broker.bootstrapServers(), "mover"))) {
                consumer.subscribe(List.of("moving"));
                for (int i = 0; i < 30; i++) {
                    producer.send(new ProducerRecord<>("moving", i % 3, null, "a" + i));
                }
                producer.flush();
                assertEquals(30, pollValues(consumer, 30).size());
                consumer.commitSync(Duration.ofSeconds(30));
                // Stopping every node in turn but the last moves the group's coordinator at least once.
                for (int n = 0; n < 2; n++) {
                    broker.stopNode(n);
                    for (int i = 0; i < 3; i++) {
                        producer.send(new ProducerRecord<>("moving", i, null, "b" + n + i));
                    }
                    producer.flush();
                    assertEquals(3, pollValues(consumer, 3).size());
                    consumer.commitSync(Duration.ofSeconds(30));
                    broker.restartNode(n);
                }
            }
        }
    }

    @Test
    void topicDeletedWhileConsumedIsRevokedAndPollDoesNotThrow() throws Exception {
        // Without auto-creation: a consumer's Metadata request would otherwise create the topic again, as in Kafka.
        try (StubBroker broker = StubBroker.builder().autoCreateTopics(false).build()) {
            broker.createTopic("doomed", 2);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker.bootstrapServers()));
                 KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(broker.bootstrapServers(), "doomed-group"))) {
                consumer.subscribe(List.of("doomed"));
                producer.send(new ProducerRecord<>("doomed", 0, null, "x")).get(30, TimeUnit.SECONDS);
                assertEquals(List.of("x"), pollValues(consumer, 1));
                assertEquals(2, consumer.assignment().size());
                Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
                try (Admin a = Admin.create(admin)) {
                    a.deleteTopics(List.of("doomed")).all().get(30, TimeUnit.SECONDS);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(100));
                }
                assertEquals(Set.of(), consumer.assignment(), "the deleted topic's partitions are revoked");
            }
        }
    }

    private static List<String> pollValues(KafkaConsumer<String, String> consumer, int count) {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (out.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                out.add(r.value());
            }
        }
        return out;
    }

    private static Map<String, Object> producerProps(String bootstrap) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return p;
    }

    private static Map<String, Object> consumerProps(String bootstrap, String group) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000);
        return p;
    }
}
