package io.strand.clients.producer;

import io.strand.clients.testkit.RealKafka;
import io.strand.clients.testkit.RealKafkaExtension;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every codec through a real Apache Kafka 4.1 broker: keyed and keyless records (alternating),
 * all acknowledged and read back intact by Apache's consumer. zstd sends a million records, the
 * others 100,000 (see {@link RoundTripChecks#records}).
 */
@ExtendWith(RealKafkaExtension.class)
class RealKafkaRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void everyRecordArrivesIntactAndInOrder(String codec, RealKafka kafka) {
        String topic = RealKafka.uniqueTopic("roundtrip-" + codec);
        kafka.createTopic(topic, 6);
        RoundTripChecks.sendAndVerify(kafka.bootstrapServers(), topic, 6, codec,
            RoundTripChecks.records(codec.equals("zstd")), Map.of());
    }
}
