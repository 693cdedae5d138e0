package io.strand.clients.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import io.strand.common.serialization.StringSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KafkaProducerSmokeTest {

    @Test
    void sendsToTheBundledBroker() throws Exception {
        try (StubBroker broker = StubBroker.builder().build()) {
            broker.createTopic("smoke", 3);
            Map<String, Object> props = Map.of("bootstrap.servers", broker.bootstrapServers());
            List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
                for (int i = 0; i < 1000; i++) {
                    futures.add(producer.send(new ProducerRecord<>("smoke", "k" + i, "v" + i)));
                }
                producer.flush();
                for (CompletableFuture<RecordMetadata> f : futures) {
                    RecordMetadata m = f.get(30, TimeUnit.SECONDS);
                    assertTrue(m.hasOffset());
                }
            }
            Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read = ApacheReader.readAll(broker.bootstrapServers(),
                "smoke", 1000, Duration.ofSeconds(30));
            assertEquals(1000, read.values().stream().mapToInt(List::size).sum());
        }
    }
}
