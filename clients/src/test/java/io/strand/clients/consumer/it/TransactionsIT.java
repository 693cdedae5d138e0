package io.strand.clients.consumer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.common.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * read_committed against a real Kafka 4.1 broker and Apache's transactional producer: records of
 * aborted transactions never appear, those of committed ones do, in order, and transaction
 * markers are never returned. (The bundled broker does not implement transactions; the filtering
 * itself is also unit-tested in CompletedFetchTest.)
 */
class TransactionsIT {

    @Test
    void readCommittedLeavesOutAbortedTransactions() throws Exception {
        Brokers.Target broker = Brokers.REAL;
        String topic = Brokers.uniqueTopic("txn");
        broker.createTopic(topic, 1);
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        cfg.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "txn-" + topic);
        cfg.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        List<String> expectedCommitted = new ArrayList<>();
        List<String> everything = new ArrayList<>();
        try (KafkaProducer<String, String> p = new KafkaProducer<>(cfg, new StringSerializer(), new StringSerializer())) {
            p.initTransactions();
            for (int txn = 0; txn < 6; txn++) {
                p.beginTransaction();
                for (int i = 0; i < 5; i++) {
                    String v = "txn" + txn + "-" + i;
                    p.send(new ProducerRecord<>(topic, 0, null, v));
                    everything.add(v);
                    if (txn % 2 == 0) {
                        expectedCommitted.add(v);
                    }
                }
                p.flush();
                if (txn % 2 == 0) {
                    p.commitTransaction();
                } else {
                    p.abortTransaction();
                }
            }
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        assertEquals(expectedCommitted, read(broker, tp, "read_committed", expectedCommitted.size()));
        assertEquals(everything, read(broker, tp, "read_uncommitted", everything.size()));
    }

    private static List<String> read(Brokers.Target broker, TopicPartition tp, String isolation, int expected) {
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = TestData.strandConsumer(broker.bootstrapServers(), null,
            Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation))) {
            c.assign(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            long deadline = System.currentTimeMillis() + 60_000;
            // Read to the end of the log (past the last marker), then check nothing else came.
            while (c.position(tp) < end && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
            assertEquals(end, c.position(tp), isolation + ": the position passes the final transaction marker");
        }
        assertEquals(expected, out.size(), isolation + ": " + out);
        return out;
    }
}
