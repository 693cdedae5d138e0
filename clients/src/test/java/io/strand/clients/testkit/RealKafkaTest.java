package io.strand.clients.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(RealKafkaExtension.class)
class RealKafkaTest {

    @Test
    void sharedBrokerServesTopics(RealKafka kafka) throws Exception {
        LoggerFactory.getLogger(RealKafkaTest.class).info("RealKafka started in {} ms", kafka.lastStartupMillis());
        String topic = RealKafka.uniqueTopic("real-kafka");
        kafka.createTopic(topic, 3);
        var description = kafka.admin().describeTopics(java.util.List.of(topic)).allTopicNames()
            .get(30, TimeUnit.SECONDS).get(topic);
        assertEquals(3, description.partitions().size());
        assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"));
        assertEquals(kafka.clusterId(), kafka.admin().describeCluster().clusterId().get(30, TimeUnit.SECONDS));
        assertNotEquals(RealKafka.uniqueTopic("x"), RealKafka.uniqueTopic("x"));
    }

    @Test
    void aPrivateBrokerStopsAndRestartsWithItsData() throws Exception {
        try (RealKafka own = RealKafka.start(Map.of("num.partitions", "2"))) {
            LoggerFactory.getLogger(RealKafkaTest.class).info("A second RealKafka started in {} ms", own.lastStartupMillis());
            String topic = RealKafka.uniqueTopic("restart");
            own.createTopic(topic, 2);
            own.stop();
            assertFalse(own.isRunning());
            own.restart();
            assertTrue(own.isRunning());
            LoggerFactory.getLogger(RealKafkaTest.class).info("RealKafka restarted in {} ms", own.lastStartupMillis());
            var names = own.admin().listTopics().names().get(30, TimeUnit.SECONDS);
            assertTrue(names.contains(topic), names.toString());
        }
    }
}
