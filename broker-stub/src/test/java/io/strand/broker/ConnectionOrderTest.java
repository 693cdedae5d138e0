package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.strand.common.message.Fetch;
import io.strand.common.message.Frames;
import io.strand.common.message.Metadata;
import io.strand.common.message.Produce;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.ResponseHeader;
import io.strand.common.protocol.types.Struct;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Long-poll Fetch, response order on a connection, and Produce with acks=0. */
class ConnectionOrderTest {

    private static StubBroker broker;

    @BeforeAll
    static void start() {
        broker = StubBroker.start();
        broker.createTopic("poll", 1);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aParkedFetchCompletesWhenDataArrivesAndAnswersStayInRequestOrder() throws Exception {
        try (RawClient consumer = new RawClient(broker.port(0)); RawClient producer = new RawClient(broker.port(0))) {
            long end = RawProduce.endOffset(producer, "poll", 0);
            // Waits for up to a minute: only the append below can answer it in time.
            int fetchId = consumer.send(ApiKeys.FETCH, 12, fetch(end, 60_000));
            int metadataId = consumer.send(ApiKeys.METADATA, 9, Metadata.DEFINITION.newRequest());
            RawProduce.produce(producer, "poll", 0, RawProduce.batch(-1, (short) -1, -1, 3));
            byte[] first = consumer.readFrame();
            assertEquals(fetchId, ResponseHeader.peekCorrelationId(Unpooled.wrappedBuffer(first)),
                "the Fetch was sent first, so it is answered first although Metadata was ready earlier");
            Struct fetched = Frames.decodeResponse(Unpooled.wrappedBuffer(first), ApiKeys.FETCH, (short) 12, fetchId);
            Struct p = fetched.get(Fetch.Response.RESPONSES).get(0).get(Fetch.Response.FetchableTopicResponse.PARTITIONS)
                .get(0);
            assertTrue(p.get(Fetch.Response.PartitionData.RECORDS).readableBytes() > 0);
            assertEquals(metadataId, ResponseHeader.peekCorrelationId(Unpooled.wrappedBuffer(consumer.readFrame())));
        }
    }

    @Test
    void aParkedFetchWithoutDataAnswersEmptyAfterMaxWait() throws Exception {
        try (RawClient c = new RawClient(broker.port(0))) {
            long end = RawProduce.endOffset(c, "poll", 0);
            Struct r = c.call(ApiKeys.FETCH, 12, fetch(end, 50));
            Struct p = r.get(Fetch.Response.RESPONSES).get(0).get(Fetch.Response.FetchableTopicResponse.PARTITIONS).get(0);
            assertEquals(0, p.getShort(Fetch.Response.PartitionData.ERROR_CODE));
            assertEquals(0, p.get(Fetch.Response.PartitionData.RECORDS).readableBytes());
            assertEquals(end, p.getLong(Fetch.Response.PartitionData.HIGH_WATERMARK));
        }
    }

    @Test
    void acksZeroGetsNoResponseButIsWritten() throws Exception {
        try (RawClient c = new RawClient(broker.port(0))) {
            long before = RawProduce.endOffset(c, "poll", 0);
            Struct p = Produce.Request.PartitionData.SCHEMA.newStruct();
            p.set(Produce.Request.PartitionData.RECORDS, RawProduce.batch(-1, (short) -1, -1, 2));
            Struct t = Produce.Request.TopicData.SCHEMA.newStruct().set(Produce.Request.TopicData.NAME, "poll")
                .set(Produce.Request.TopicData.PARTITION_DATA, List.of(p));
            Struct request = Produce.DEFINITION.newRequest().set(Produce.Request.TOPIC_DATA, List.of(t));
            request.setShort(Produce.Request.ACKS, 0);
            c.send(ApiKeys.PRODUCE, 9, request);
            // The next frame on the wire answers the ListOffsets sent after it.
            assertEquals(before + 2, RawProduce.endOffset(c, "poll", 0));
        }
    }

    @Test
    void acksZeroToAFailingPartitionClosesTheConnection() throws Exception {
        try (RawClient c = new RawClient(broker.port(0))) {
            Struct p = Produce.Request.PartitionData.SCHEMA.newStruct().set(Produce.Request.PartitionData.INDEX, 9);
            p.set(Produce.Request.PartitionData.RECORDS, RawProduce.batch(-1, (short) -1, -1, 1));
            Struct t = Produce.Request.TopicData.SCHEMA.newStruct().set(Produce.Request.TopicData.NAME, "poll")
                .set(Produce.Request.TopicData.PARTITION_DATA, List.of(p));
            Struct request = Produce.DEFINITION.newRequest().set(Produce.Request.TOPIC_DATA, List.of(t));
            request.setShort(Produce.Request.ACKS, 0);
            c.send(ApiKeys.PRODUCE, 9, request);
            assertTrue(c.closedByBroker(), "the producer learns of the error by the closed connection");
        }
    }

    @Test
    void fetchHonoursPartitionAndResponseLimitsButReturnsAtLeastOneBatch() throws Exception {
        broker.createTopic("limits", 2);
        try (RawClient c = new RawClient(broker.port(0))) {
            for (int p = 0; p < 2; p++) {
                for (int i = 0; i < 3; i++) {
                    RawProduce.produce(c, "limits", p, RawProduce.batch(-1, (short) -1, -1, 20));
                }
            }
            int batch = fetchSizes(c, 1 << 20, 1 << 20)[0] / 3;
            // A partition limit below one batch still returns the first batch whole.
            assertEquals(batch, fetchSizes(c, 1 << 20, 10)[0]);
            // Room for two batches in the partition limit.
            assertEquals(2 * batch, fetchSizes(c, 1 << 20, 2 * batch + 5)[0]);
            // The response limit is shared: the first partition takes it, the second gets nothing.
            int[] sizes = fetchSizes(c, batch + 5, 1 << 20);
            assertEquals(batch, sizes[0]);
            assertEquals(0, sizes[1]);
        }
    }

    @Test
    void aTopicNamedWithoutPartitionsGetsNoEntryInTheResponse() throws Exception {
        try (RawClient c = new RawClient(broker.port(0))) {
            Struct r = Fetch.DEFINITION.newRequest().set(Fetch.Request.TOPICS, List.of(fetchTopic("poll", List.of())));
            r.set(Fetch.Request.SESSION_EPOCH, -1);
            assertEquals(List.of(), c.call(ApiKeys.FETCH, 11, r).get(Fetch.Response.RESPONSES),
                "Kafka answers per partition, so a topic without partitions is left out");

            Struct p = Fetch.Request.FetchPartition.SCHEMA.newStruct().set(Fetch.Request.FetchPartition.PARTITION, 0);
            p.set(Fetch.Request.FetchPartition.PARTITION_MAX_BYTES, 1 << 20);
            Struct both = Fetch.DEFINITION.newRequest()
                .set(Fetch.Request.TOPICS, List.of(fetchTopic("limits", List.of()), fetchTopic("poll", List.of(p))));
            both.set(Fetch.Request.SESSION_EPOCH, -1);
            List<Struct> topics = c.call(ApiKeys.FETCH, 11, both).get(Fetch.Response.RESPONSES);
            assertEquals(1, topics.size());
            assertEquals("poll", topics.get(0).get(Fetch.Response.FetchableTopicResponse.TOPIC));
        }
    }

    private static int[] fetchSizes(RawClient c, int maxBytes, int partitionMaxBytes) throws Exception {
        List<Struct> parts = new java.util.ArrayList<>();
        for (int p = 0; p < 2; p++) {
            Struct fp = Fetch.Request.FetchPartition.SCHEMA.newStruct();
            fp.set(Fetch.Request.FetchPartition.PARTITION, p);
            fp.set(Fetch.Request.FetchPartition.PARTITION_MAX_BYTES, partitionMaxBytes);
            parts.add(fp);
        }
        Struct r = Fetch.DEFINITION.newRequest().set(Fetch.Request.TOPICS, List.of(fetchTopic("limits", parts)));
        r.set(Fetch.Request.MAX_BYTES, maxBytes);
        r.set(Fetch.Request.SESSION_EPOCH, -1);
        List<Struct> got = c.call(ApiKeys.FETCH, 11, r).get(Fetch.Response.RESPONSES).get(0)
            .get(Fetch.Response.FetchableTopicResponse.PARTITIONS);
        return new int[] {got.get(0).get(Fetch.Response.PartitionData.RECORDS).readableBytes(),
            got.get(1).get(Fetch.Response.PartitionData.RECORDS).readableBytes()};
    }

    private static Struct fetch(long offset, int maxWaitMs) {
        Struct p = Fetch.Request.FetchPartition.SCHEMA.newStruct();
        p.set(Fetch.Request.FetchPartition.FETCH_OFFSET, offset);
        p.set(Fetch.Request.FetchPartition.PARTITION_MAX_BYTES, 1 << 20);
        Struct r = Fetch.DEFINITION.newRequest().set(Fetch.Request.TOPICS, List.of(fetchTopic("poll", List.of(p))));
        r.set(Fetch.Request.MAX_WAIT_MS, maxWaitMs);
        r.set(Fetch.Request.MIN_BYTES, 1);
        r.set(Fetch.Request.SESSION_EPOCH, -1);
        return r;
    }

    private static Struct fetchTopic(String name, List<Struct> partitions) {
        return Fetch.Request.FetchTopic.SCHEMA.newStruct().set(Fetch.Request.FetchTopic.TOPIC, name)
            .set(Fetch.Request.FetchTopic.PARTITIONS, partitions);
    }
}
