package io.strand.clients.producer;

import io.strand.broker.StubBroker;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every codec through the bundled broker: keyed and keyless records (alternating), all
 * acknowledged and read back intact by Apache's consumer. lz4 sends a million records, the
 * others 100,000 (see {@link RoundTripChecks#records}).
 */
class StubBrokerRoundTripTest {

    private static StubBroker broker;

    @BeforeAll
    static void start() {
        broker = StubBroker.builder().build();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void everyRecordArrivesIntactAndInOrder(String codec) {
        String topic = "roundtrip-" + codec;
        broker.createTopic(topic, 6);
        RoundTripChecks.sendAndVerify(broker.bootstrapServers(), topic, 6, codec,
            RoundTripChecks.records(codec.equals("lz4")), Map.of());
    }
}
