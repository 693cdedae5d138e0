package io.strand.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import io.strand.broker.StubBrokerExtension;
import io.strand.common.KafkaException;
import io.strand.common.errors.InvalidTopicException;
import io.strand.examples.Apache;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StubBrokerExtension.class)
class TopicCreatorTest {

    static StubBroker broker;

    @Test
    void createsATopicWithThePartitionsAskedForOnce() {
        assertTrue(TopicCreator.create(broker.bootstrapServers(), "created", 5, Duration.ofSeconds(30)));
        assertEquals(5, Apache.partitionCount(broker.bootstrapServers(), "created"));
        assertFalse(TopicCreator.create(broker.bootstrapServers(), "created", 5, Duration.ofSeconds(30)));
    }

    @Test
    void triesEachBootstrapAddressInTurn() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String servers = "127.0.0.1:" + closed + "," + broker.bootstrapServers();
        assertTrue(TopicCreator.create(servers, "second-address", 2, Duration.ofSeconds(30)));
        assertEquals(2, Apache.partitionCount(broker.bootstrapServers(), "second-address"));
    }

    @Test
    void aBadTopicNameFailsWithTheBrokersError() {
        InvalidTopicException e = assertThrows(InvalidTopicException.class,
            () -> TopicCreator.create(broker.bootstrapServers(), "no spaces allowed", 1, Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("no spaces allowed"), e.getMessage());
    }

    @Test
    void noBrokerAtTheAddressFailsNamingIt() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        KafkaException e = assertThrows(KafkaException.class,
            () -> TopicCreator.create("127.0.0.1:" + closed, "t", 1, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("127.0.0.1:" + closed), e.getMessage());
    }
}
