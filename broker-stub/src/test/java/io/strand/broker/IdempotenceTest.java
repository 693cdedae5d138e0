package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.common.message.Produce.Response.PartitionResponse;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent deduplication as Kafka's producer state does it, with batches built by hand. */
class IdempotenceTest {

    private static final long PID = 4711;

    @Test
    void duplicatesGetTheirOffsetsGapsAndOldEpochsAreRejected() throws Exception {
        try (StubBroker broker = StubBroker.start(); RawClient c = new RawClient(broker.port(0))) {
            broker.createTopic("idem", 1);
            assertOk(RawProduce.produce(c, "idem", 0, RawProduce.batch(PID, (short) 0, 0, 3)), 0);
            assertOk(RawProduce.produce(c, "idem", 0, RawProduce.batch(PID, (short) 0, 3, 2)), 3);
            // A retry of the first batch: its original offset, nothing written.
            assertOk(RawProduce.produce(c, "idem", 0, RawProduce.batch(PID, (short) 0, 0, 3)), 0);
            assertEquals(5, RawProduce.endOffset(c, "idem", 0));
            // A gap in the sequence.
            assertError(RawProduce.produce(c, "idem", 0, RawProduce.batch(PID, (short) 0, 7, 1)),
                Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
            // A new epoch starts at sequence 0; the old one is fenced from then on.
            assertError(RawProduce.produce(c, "idem", 0, RawProduce.batch(PID, (short) 1, 5, 1)),
                Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
            assertOk(RawProduce.produce(c, "idem", 0, RawProduce.batch(PID, (short) 1, 0, 1)), 5);
            assertError(RawProduce.produce(c, "idem", 0, RawProduce.batch(PID, (short) 0, 5, 1)),
                Errors.INVALID_PRODUCER_EPOCH);
            // Non-idempotent batches are never deduplicated.
            assertOk(RawProduce.produce(c, "idem", 0, RawProduce.batch(-1, (short) -1, -1, 1)), 6);
            assertOk(RawProduce.produce(c, "idem", 0, RawProduce.batch(-1, (short) -1, -1, 1)), 7);
            assertEquals(8, RawProduce.endOffset(c, "idem", 0));
        }
    }

    @Test
    void onlyTheLastFiveBatchesAreRemembered() throws Exception {
        try (StubBroker broker = StubBroker.start(); RawClient c = new RawClient(broker.port(0))) {
            broker.createTopic("idem5", 1);
            for (int i = 0; i < 6; i++) {
                assertOk(RawProduce.produce(c, "idem5", 0, RawProduce.batch(PID, (short) 0, i, 1)), i);
            }
            assertOk(RawProduce.produce(c, "idem5", 0, RawProduce.batch(PID, (short) 0, 1, 1)), 1);
            // Batch 0 fell out of the cache: to Kafka it is now out of order, not a duplicate.
            assertError(RawProduce.produce(c, "idem5", 0, RawProduce.batch(PID, (short) 0, 0, 1)),
                Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
        }
    }

    @Test
    void producerStateIsRebuiltFromTheLogAfterARestart(@TempDir Path dir) throws Exception {
        try (StubBroker broker = StubBroker.builder().dataDir(dir).build(); RawClient c = new RawClient(broker.port(0))) {
            broker.createTopic("durable", 1);
            assertOk(RawProduce.produce(c, "durable", 0, RawProduce.batch(PID, (short) 2, 0, 4)), 0);
        }
        try (StubBroker broker = StubBroker.builder().dataDir(dir).build(); RawClient c = new RawClient(broker.port(0))) {
            assertOk(RawProduce.produce(c, "durable", 0, RawProduce.batch(PID, (short) 2, 0, 4)), 0);
            assertError(RawProduce.produce(c, "durable", 0, RawProduce.batch(PID, (short) 1, 4, 1)),
                Errors.INVALID_PRODUCER_EPOCH);
            assertOk(RawProduce.produce(c, "durable", 0, RawProduce.batch(PID, (short) 2, 4, 1)), 4);
            assertEquals(5, RawProduce.endOffset(c, "durable", 0));
        }
    }

    private static void assertOk(Struct r, long baseOffset) {
        assertEquals(Errors.NONE.code(), r.getShort(PartitionResponse.ERROR_CODE), () -> String.valueOf(r));
        assertEquals(baseOffset, r.getLong(PartitionResponse.BASE_OFFSET));
    }

    private static void assertError(Struct r, Errors error) {
        assertEquals(error.code(), r.getShort(PartitionResponse.ERROR_CODE), () -> String.valueOf(r));
    }
}
