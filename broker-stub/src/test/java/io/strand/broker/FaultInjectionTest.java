package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.message.Metadata;
import io.strand.common.message.Produce.Response.PartitionResponse;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected faults, and Apache's idempotent producer getting through them with nothing lost or duplicated. */
class FaultInjectionTest {

    private StubBroker broker;

    @BeforeEach
    void start() {
        broker = StubBroker.builder().nodes(2).build();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void idempotentProducerRetriesThroughErrorsAndDroppedConnectionsExactlyOnce() throws Exception {
        broker.createTopic("faulty", 2);
        io.strand.common.TopicPartition p1 = new io.strand.common.TopicPartition("faulty", 1);
        broker.faults()
            .failNext(ApiKeys.PRODUCE, 3, Errors.NOT_LEADER_OR_FOLLOWER)
            .failNext(ApiKeys.PRODUCE, p1, 2, Errors.NOT_LEADER_OR_FOLLOWER)
            .disconnectAfterNext(ApiKeys.PRODUCE)
            .disconnectOnNext(ApiKeys.PRODUCE)
            .delayNext(ApiKeys.PRODUCE, 1, Duration.ofMillis(200));
        int n = 400;
        try (KafkaProducer<byte[], byte[]> producer = ApacheClients.producer(broker, Map.of("max.in.flight.requests.per.connection", 5))) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                acks.add(producer.send(new ProducerRecord<>("faulty", i % 2, null, ("v" + i).getBytes())));
                if (i % 50 == 0) {
                    producer.flush();
                }
            }
            for (Future<RecordMetadata> f : acks) {
                f.get();
            }
        }
        assertEquals(0, broker.faults().pending(), "every armed fault fired");
        List<TopicPartition> tps = List.of(new TopicPartition("faulty", 0), new TopicPartition("faulty", 1));
        try (KafkaConsumer<byte[], byte[]> consumer = ApacheClients.consumer(broker, Map.of())) {
            List<ConsumerRecord<byte[], byte[]>> got = ApacheClients.readAll(consumer, tps, n, Duration.ofSeconds(20));
            consumer.poll(Duration.ofMillis(500)).forEach(got::add);
            assertEquals(n, got.size(), "nothing lost, nothing written twice");
            Map<Integer, Integer> last = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : got) {
                int i = Integer.parseInt(new String(r.value()).substring(1));
                assertEquals(r.partition(), i % 2);
                assertTrue(i > last.getOrDefault(r.partition(), -1), "order kept within a partition");
                last.put(r.partition(), i);
            }
        }
    }

    @Test
    void partitionFaultsAnswerOnlyThatPartitionAndWriteNothing() throws Exception {
        broker.createTopic("pf", 1);
        int leader = broker.leader(new io.strand.common.TopicPartition("pf", 0));
        broker.faults().failNext(ApiKeys.PRODUCE, new io.strand.common.TopicPartition("pf", 0), 1,
            Errors.KAFKA_STORAGE_ERROR);
        try (RawClient c = new RawClient(broker.port(leader))) {
            Struct r = RawProduce.produce(c, "pf", 0, RawProduce.batch(-1, (short) -1, -1, 1));
            assertEquals(Errors.KAFKA_STORAGE_ERROR.code(), r.getShort(PartitionResponse.ERROR_CODE));
            assertEquals(0, RawProduce.endOffset(c, "pf", 0));
            r = RawProduce.produce(c, "pf", 0, RawProduce.batch(-1, (short) -1, -1, 1));
            assertEquals(Errors.NONE.code(), r.getShort(PartitionResponse.ERROR_CODE));
        }
    }

    @Test
    void faultsCanBeLimitedToOneNodeAndCleared() throws Exception {
        broker.faults().onNode(1).failNext(ApiKeys.METADATA, 5, Errors.UNKNOWN_SERVER_ERROR);
        try (RawClient c0 = new RawClient(broker.port(0)); RawClient c1 = new RawClient(broker.port(1))) {
            assertEquals(2, c0.call(ApiKeys.METADATA, 1, Metadata.DEFINITION.newRequest())
                .get(Metadata.Response.BROKERS).size());
            Struct failed = c1.call(ApiKeys.METADATA, 13, Metadata.DEFINITION.newRequest());
            assertEquals(Errors.UNKNOWN_SERVER_ERROR.code(), failed.getShort(Metadata.Response.ERROR_CODE));
            assertEquals(4, broker.faults().pending());
            broker.faults().clear();
            assertEquals(0, broker.faults().pending());
            assertEquals(2, c1.call(ApiKeys.METADATA, 1, Metadata.DEFINITION.newRequest())
                .get(Metadata.Response.BROKERS).size());
        }
    }

    @Test
    void disconnectAllClosesOpenConnectionsButAcceptsNewOnes() throws Exception {
        try (RawClient c = new RawClient(broker.port(0))) {
            c.call(ApiKeys.METADATA, 1, Metadata.DEFINITION.newRequest());
            broker.faults().disconnectAll();
            assertTrue(c.closedByBroker());
        }
        try (RawClient c = new RawClient(broker.port(0))) {
            assertEquals(2, c.call(ApiKeys.METADATA, 1, Metadata.DEFINITION.newRequest())
                .get(Metadata.Response.BROKERS).size());
        }
    }

    @Test
    void badFaultsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> broker.faults().failNext(ApiKeys.PRODUCE, 0, Errors.NONE));
        assertThrows(IllegalArgumentException.class, () -> broker.faults().failNext(ApiKeys.PRODUCE, 1, Errors.NONE));
        assertThrows(IllegalArgumentException.class, () -> broker.faults().onNode(7));
    }
}
