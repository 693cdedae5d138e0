package io.strand.clients.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.broker.StubBroker;
import io.strand.common.TopicPartition;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The idempotent producer against a bundled broker of three nodes that misbehaves while records
 * are being sent: errors on Produce, connections dropped before and after a request is handled
 * (so the client cannot know whether it was written), responses held back past
 * request.timeout.ms, leaders moving. Every record must arrive exactly once and in order per
 * partition, as read back by Apache's consumer.
 */
class ProducerFaultInjectionTest {

    private static final int PARTITIONS = 6;
    private StubBroker broker;

    @BeforeEach
    void start() {
        broker = StubBroker.builder().nodes(3).build();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private static Map<String, Object> settings() {
        return Map.of(
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1500,
            ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 20L,
            ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 200L,
            ProducerConfig.LINGER_MS_CONFIG, 2L,
            ProducerConfig.BATCH_SIZE_CONFIG, 4096);
    }

    @Test
    void retriableErrorsAndLostConnectionsLoseAndDuplicateNothing() {
        String topic = "faults";
        broker.createTopic(topic, PARTITIONS);
        int count = 60_000;
        RoundTripChecks.sendAndVerify(broker.bootstrapServers(), topic, PARTITIONS, "lz4", count, settings(), i -> {
            if (i == 0 || i % 3000 != 0) {
                return;
            }
            switch ((int) (i / 3000) % 7) {
                case 0:
                    broker.faults().failNext(ApiKeys.PRODUCE, 2, Errors.NOT_LEADER_OR_FOLLOWER);
                    break;
                case 1:
                    // Handled and written, but the answer is lost: the retry must be deduplicated.
                    broker.faults().disconnectAfterNext(ApiKeys.PRODUCE);
                    break;
                case 2:
                    broker.faults().disconnectOnNext(ApiKeys.PRODUCE);
                    break;
                case 3:
                    // Written, answered after request.timeout.ms: the client gives up and retries.
                    broker.faults().delayNext(ApiKeys.PRODUCE, 1, Duration.ofMillis(2500));
                    break;
                case 4:
                    broker.faults().failNext(ApiKeys.PRODUCE, new TopicPartition(topic, (int) (i % PARTITIONS)), 3,
                        Errors.NOT_ENOUGH_REPLICAS);
                    break;
                case 5:
                    TopicPartition tp = new TopicPartition(topic, (int) (i % PARTITIONS));
                    broker.moveLeader(tp, (broker.leader(tp) + 1) % 3);
                    break;
                default:
                    broker.faults().disconnectAll();
                    break;
            }
        });
        assertEquals(0, broker.faults().pending(), "every armed fault fired");
    }

    /**
     * Sequence errors the producer must repair itself: OUT_OF_ORDER_SEQUENCE_NUMBER for the next
     * expected batch makes it bump its epoch and renumber; UNKNOWN_PRODUCER_ID is retried.
     */
    @Test
    void sequenceErrorsAreRepairedByAnEpochBump() {
        String topic = "sequences";
        broker.createTopic(topic, PARTITIONS);
        int count = 30_000;
        RoundTripChecks.sendAndVerify(broker.bootstrapServers(), topic, PARTITIONS, "none", count, settings(), i -> {
            if (i > 0 && i % 2500 == 0) {
                TopicPartition tp = new TopicPartition(topic, (int) (i / 2500) % PARTITIONS);
                broker.faults().failNext(ApiKeys.PRODUCE, tp, 1,
                    (i / 2500) % 2 == 0 ? Errors.OUT_OF_ORDER_SEQUENCE_NUMBER : Errors.UNKNOWN_PRODUCER_ID);
            }
        });
        assertEquals(0, broker.faults().pending(), "every armed fault fired");
    }
}
