package io.strand.clients.producer.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.strand.clients.internals.metadata.Metadata;
import io.strand.clients.internals.network.ClientResponse;
import io.strand.clients.internals.network.NetworkClient;
import io.strand.clients.internals.network.RequestBuilder;
import io.strand.clients.producer.RecordMetadata;
import io.strand.common.Cluster;
import io.strand.common.KafkaException;
import io.strand.common.Node;
import io.strand.common.TopicPartition;
import io.strand.common.compress.Compression;
import io.strand.common.errors.TimeoutException;
import io.strand.common.header.Header;
import io.strand.common.header.internals.RecordHeaders;
import io.strand.common.message.Produce;
import io.strand.common.metrics.Metrics;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sender against a mocked network client: which Produce requests leave, to which node, with
 * which sequences, and how each record completes, for an idempotent partition whose requests fail
 * after the broker may have written them.
 */
class SenderTest {

    private static final String TOPIC = "t";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final Header[] NO_HEADERS = new Header[0];
    private static final List<Node> NODES = TestClusters.nodes(2);
    /** Partition 0 led by node 0, then by node 1. */
    private static final Cluster LED_BY_0 = TestClusters.cluster(TOPIC, 1, NODES, Set.of());
    private static final Cluster LED_BY_1 = TestClusters.cluster(TOPIC, 1, List.of(NODES.get(1), NODES.get(0)), Set.of());

    /** One Produce request the sender handed to the network client, and the future it got back. */
    private record Sent(Node node, RequestBuilder builder, CompletableFuture<ClientResponse> future) {

        /** The base sequence of the request's only batch, read back with Apache's record classes. */
        int baseSequence() {
            Struct partition = builder.build((short) 12).get(Produce.Request.TOPIC_DATA).get(0)
                .get(Produce.Request.TopicData.PARTITION_DATA).get(0);
            ByteBuf records = partition.get(Produce.Request.PartitionData.RECORDS);
            byte[] copy = new byte[records.readableBytes()];
            records.getBytes(records.readerIndex(), copy);
            return org.apache.kafka.common.record.MemoryRecords.readableRecords(ByteBuffer.wrap(copy))
                .batches().iterator().next().baseSequence();
        }
    }

    private final NetworkClient client = mock(NetworkClient.class);
    private final Metadata metadata = mock(Metadata.class);
    private final List<Sent> sent = new ArrayList<>();
    private final IdempotenceManager idempotence = new IdempotenceManager();
    private Cluster cluster = LED_BY_0;
    private RecordAccumulator accumulator;

    @BeforeEach
    void setUp() {
        when(metadata.fetch()).thenAnswer(invocation -> cluster);
        when(client.isReady(any())).thenReturn(true);
        when(client.send(any(), eq(ApiKeys.PRODUCE), any(), anyLong())).thenAnswer(invocation -> {
            CompletableFuture<ClientResponse> f = new CompletableFuture<>();
            sent.add(new Sent(invocation.getArgument(0), invocation.getArgument(2), f));
            return f;
        });
        idempotence.setProducerIdAndEpoch(7L, (short) 0);
    }

    @AfterEach
    void release() {
        accumulator.abortIncompleteBatches(new KafkaException("test over"), null);
        for (ProducerBatch b : accumulator.incompleteBatches()) {
            accumulator.deallocate(b);
        }
    }

    /** No linger and no retry backoff, so that every runOnce sends what it may. */
    private Sender sender(long deliveryTimeoutMs) {
        accumulator = new RecordAccumulator(1024, 0, deliveryTimeoutMs, 0, 0, Compression.NONE,
            new BufferPool(1 << 20, PooledByteBufAllocator.DEFAULT), idempotence, () -> { });
        Metrics metrics = new Metrics();
        return new Sender(client, metadata, accumulator, idempotence, null,
            new SenderMetrics(metrics, accumulator.pool(), () -> 0), (short) -1, 1 << 20, 30_000,
            Integer.MAX_VALUE, 5, 0, 0, deliveryTimeoutMs);
    }

    /** One round of the sender, woken first so that it does not sleep when it has nothing to send. */
    private static void run(Sender sender) {
        sender.wakeup();
        sender.runOnce();
    }

    private RecordFuture send() throws InterruptedException {
        RecordFuture future = new RecordFuture(null, new RecordHeaders(), 1000L, -1, 8);
        accumulator.append(TOPIC, 0, 1000L, null, new byte[8], NO_HEADERS, future, 0, Sender.nowMs(), cluster);
        return future;
    }

    private static ClientResponse response(Errors error, long baseOffset) {
        Struct partition = Produce.Response.PartitionResponse.SCHEMA.newStruct()
            .set(Produce.Response.PartitionResponse.INDEX, 0)
            .setShort(Produce.Response.PartitionResponse.ERROR_CODE, error.code())
            .set(Produce.Response.PartitionResponse.BASE_OFFSET, baseOffset)
            .set(Produce.Response.PartitionResponse.LOG_APPEND_TIME_MS, -1L)
            .set(Produce.Response.PartitionResponse.LOG_START_OFFSET, 0L)
            .set(Produce.Response.PartitionResponse.RECORD_ERRORS, List.of())
            .set(Produce.Response.PartitionResponse.ERROR_MESSAGE, null);
        Struct topic = Produce.Response.TopicResponse.SCHEMA.newStruct()
            .set(Produce.Response.TopicResponse.NAME, TOPIC)
            .set(Produce.Response.TopicResponse.PARTITION_RESPONSES, List.of(partition));
        Struct body = Produce.Response.SCHEMA.newStruct()
            .set(Produce.Response.RESPONSES, List.of(topic))
            .set(Produce.Response.THROTTLE_TIME_MS, 0);
        ClientResponse response = mock(ClientResponse.class);
        when(response.hasResponse()).thenReturn(true);
        when(response.body()).thenReturn(body);
        when(response.version()).thenReturn((short) 12);
        return response;
    }

    /** Sends one record and has the broker acknowledge it: the partition may then pipeline. */
    private void firstRecordAcknowledged(Sender sender) throws Exception {
        RecordFuture first = send();
        run(sender);
        assertEquals(1, sent.size());
        sent.get(0).future().complete(response(Errors.NONE, 0));
        run(sender);
        assertEquals(0, first.get().offset());
    }

    /**
     * After a first acknowledged record, {@code count} more records, each in its own request, all
     * out together (the partition pipelines).
     */
    private List<RecordFuture> pipelined(Sender sender, int count) throws Exception {
        firstRecordAcknowledged(sender);
        List<RecordFuture> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(send());
            run(sender);
        }
        assertEquals(1 + count, sent.size(), "one request per record");
        return futures;
    }

    private static TimeoutException requestTimedOut() {
        return new TimeoutException("Request Produce timed out after 30000 ms (request.timeout.ms)");
    }

    @Test
    void roundsRunOnTheNetworkThreadAndEveryRoundSetsTheNextTimer() {
        // The client's event loop, by hand: tasks queued at once, and timers that are not done
        // while they run (as Netty's are not).
        List<Runnable> tasks = new ArrayList<>();
        List<Runnable> timers = new ArrayList<>();
        when(client.schedule(any(), eq(0L))).thenAnswer(invocation -> tasks.add(invocation.getArgument(0)));
        when(client.scheduleTimer(any(), anyLong())).thenAnswer(invocation -> {
            timers.add(invocation.getArgument(0));
            return new CompletableFuture<Void>();
        });
        Sender sender = sender(120_000);
        sender.start();
        assertEquals(1, tasks.size(), "start queues one round");
        sender.wakeup();
        assertEquals(1, tasks.size(), "a wake-up while a round is queued queues no other");
        tasks.remove(0).run();
        assertEquals(1, timers.size(), "nothing to send: the round sets a timer");
        for (int i = 1; i <= 3; i++) {
            timers.get(i - 1).run();
            assertEquals(i + 1, timers.size(), "a round run by its timer sets the next one");
        }
        assertTrue(tasks.isEmpty());
    }

    @Test
    void aPartitionSendsNothingToANewLeaderWhileItsRequestToTheOldOneIsOut() throws Exception {
        Sender sender = sender(120_000);
        firstRecordAcknowledged(sender);
        RecordFuture second = send();
        run(sender);
        assertEquals(2, sent.size());
        assertEquals(NODES.get(0), sent.get(1).node());
        assertEquals(1, sent.get(1).baseSequence());

        // The leader moves while that request is out: the old leader may have written it.
        cluster = LED_BY_1;
        RecordFuture third = send();
        run(sender);
        run(sender);
        assertEquals(2, sent.size(), "nothing goes to the new leader while a request to the old one is out");

        // The old leader's request times out on the client; its batch is retried first, to the new leader.
        sent.get(1).future().completeExceptionally(requestTimedOut());
        run(sender);
        run(sender);
        assertTrue(sent.size() >= 3);
        assertEquals(NODES.get(1), sent.get(2).node());
        assertEquals(1, sent.get(2).baseSequence(), "the retry leaves before any later sequence");
        sent.get(2).future().complete(response(Errors.NONE, 1));
        run(sender);
        run(sender);
        assertEquals(4, sent.size());
        assertEquals(2, sent.get(3).baseSequence());
        sent.get(3).future().complete(response(Errors.NONE, 2));
        run(sender);
        assertEquals(1, second.get().offset());
        assertEquals(2, third.get().offset());
    }

    @Test
    void aRetryTheBrokerNoLongerRecognisesIsWrittenOnceALaterSequenceWasAcknowledged() throws Exception {
        Sender sender = sender(120_000);
        List<RecordFuture> futures = pipelined(sender, 2);
        RecordFuture second = futures.get(0);
        RecordFuture third = futures.get(1);
        // The broker wrote the first but answered REQUEST_TIMED_OUT (say, replication was slow), then
        // acknowledged the one behind it.
        sent.get(1).future().complete(response(Errors.REQUEST_TIMED_OUT, -1));
        sent.get(2).future().complete(response(Errors.NONE, 5));
        run(sender);
        assertEquals(5, third.get().offset());
        run(sender);
        assertEquals(4, sent.size());
        assertEquals(1, sent.get(3).baseSequence());
        // By the time the retry arrives, the broker's window of recent batches has moved past it.
        sent.get(3).future().complete(response(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, -1));
        run(sender);
        run(sender);
        assertEquals(4, sent.size(), "not retried again");
        RecordMetadata md = second.get();
        assertFalse(md.hasOffset(), "written, at an offset the producer cannot know");
        assertEquals(0, idempotence.producerEpoch(), "no gap, so no epoch bump");
        assertFalse(idempotence.epochBumpRequired());
    }

    @Test
    void aTimedOutRequestWhoseLaterSequenceWasAcknowledgedCompletesAsWritten() throws Exception {
        Sender sender = sender(120_000);
        List<RecordFuture> futures = pipelined(sender, 2);
        // The request behind it is answered first, then the first one times out on the client.
        sent.get(2).future().complete(response(Errors.NONE, 9));
        run(sender);
        sent.get(1).future().completeExceptionally(requestTimedOut());
        run(sender);
        run(sender);
        assertEquals(3, sent.size(), "a batch known to be written is not sent again");
        assertFalse(futures.get(0).get().hasOffset());
        assertEquals(9, futures.get(1).get().offset());
    }

    @Test
    void aBatchStillUnansweredAtTheDeliveryTimeoutIsWrittenIfALaterSequenceWasAcknowledged() throws Exception {
        Sender sender = sender(1_500);
        List<RecordFuture> futures = pipelined(sender, 3);
        sent.get(3).future().complete(response(Errors.NONE, 3));
        run(sender);
        assertEquals(3, futures.get(2).get().offset());
        Thread.sleep(1_600);
        run(sender);
        assertFalse(futures.get(0).get().hasOffset(), "expired in flight, but a later sequence proves it written");
        assertFalse(futures.get(1).get().hasOffset());
        // The late answers only release the memory.
        sent.get(1).future().completeExceptionally(requestTimedOut());
        sent.get(2).future().completeExceptionally(requestTimedOut());
        run(sender);
        assertTrue(accumulator.incompleteBatches().isEmpty());
    }

    @Test
    void withoutALaterAcknowledgementABatchPastTheDeliveryTimeoutStillExpires() throws Exception {
        Sender sender = sender(1_500);
        RecordFuture second = pipelined(sender, 1).get(0);
        Thread.sleep(1_600);
        run(sender);
        ExecutionException e = assertThrows(ExecutionException.class, second::get);
        assertTrue(e.getCause() instanceof TimeoutException, e.toString());
        assertTrue(e.getCause().getMessage().contains("delivery.timeout.ms"), e.getCause().getMessage());
        sent.get(1).future().completeExceptionally(requestTimedOut());
        run(sender);
    }
}
