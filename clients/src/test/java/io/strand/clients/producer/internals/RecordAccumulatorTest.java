package io.strand.clients.producer.internals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.strand.clients.producer.BufferExhaustedException;
import io.strand.clients.producer.RecordMetadata;
import io.strand.common.Cluster;
import io.strand.common.KafkaException;
import io.strand.common.Node;
import io.strand.common.TopicPartition;
import io.strand.common.compress.Compression;
import io.strand.common.header.Header;
import io.strand.common.header.internals.RecordHeader;
import io.strand.common.header.internals.RecordHeaders;
import io.strand.common.record.CompressionType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordAccumulatorTest {

    private static final String TOPIC = "t";
    private static final Header[] NO_HEADERS = new Header[0];

    private final Cluster cluster = TestClusters.cluster(TOPIC, 4);
    private final AtomicInteger wakeups = new AtomicInteger();
    private final List<RecordAccumulator> toClose = new ArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void release() {
        executor.shutdownNow();
        for (RecordAccumulator acc : toClose) {
            acc.abortIncompleteBatches(new KafkaException("test over"), null);
            // Batches drained and never answered are the test's to release, as the sender would.
            for (ProducerBatch b : acc.incompleteBatches()) {
                acc.deallocate(b);
            }
        }
    }

    private RecordAccumulator accumulator(int batchSize, long lingerMs, long bufferMemory, Compression compression,
                                          IdempotenceManager idempotence) {
        RecordAccumulator acc = new RecordAccumulator(batchSize, lingerMs, 120_000, 100, 1000, compression,
            new BufferPool(bufferMemory, PooledByteBufAllocator.DEFAULT), idempotence, wakeups::incrementAndGet);
        toClose.add(acc);
        return acc;
    }

    private static RecordFuture future() {
        return new RecordFuture(null, new RecordHeaders(), 0L, -1, -1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Set<Node> allNodes(Cluster cluster) {
        return Set.copyOf(cluster.nodes());
    }

    @Test
    void fillsOneBatchThenStartsAnother() throws Exception {
        RecordAccumulator acc = accumulator(1024, 10_000, 1 << 20, Compression.NONE, null);
        TopicPartition tp = new TopicPartition(TOPIC, 1);
        int appended = 0;
        while (acc.queuedBatches(tp) < 2) {
            acc.append(TOPIC, 1, 1000L, null, new byte[100], NO_HEADERS, future(), 0, 0, cluster);
            appended++;
        }
        // 1024 bytes hold 61 bytes of header and 8 records of 100-byte values with their framing.
        assertEquals(9, appended);
        assertTrue(wakeups.get() >= 2, "a full batch and a new batch wake the sender");
    }

    @Test
    void aBatchIsReadyWhenFullOrAfterLinger() throws Exception {
        RecordAccumulator acc = accumulator(1024, 100, 1 << 20, Compression.NONE, null);
        Node leader = cluster.leaderFor(new TopicPartition(TOPIC, 0));
        acc.append(TOPIC, 0, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 0, cluster);
        RecordAccumulator.ReadyCheckResult early = acc.ready(cluster, 50);
        assertTrue(early.readyNodes.isEmpty());
        assertEquals(50, early.nextReadyCheckDelayMs);
        assertEquals(Set.of(leader), acc.ready(cluster, 100).readyNodes);

        RecordAccumulator acc2 = accumulator(1024, 100_000, 1 << 20, Compression.NONE, null);
        for (int i = 0; i < 9; i++) {
            acc2.append(TOPIC, 0, 1000L, null, new byte[100], NO_HEADERS, future(), 0, 0, cluster);
        }
        assertEquals(Set.of(leader), acc2.ready(cluster, 0).readyNodes, "full batch is ready before linger");
    }

    @Test
    void flushAndCloseMakeEverythingReady() throws Exception {
        RecordAccumulator acc = accumulator(1024, 100_000, 1 << 20, Compression.NONE, null);
        acc.append(TOPIC, 2, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 0, cluster);
        assertTrue(acc.ready(cluster, 0).readyNodes.isEmpty());
        acc.beginFlush();
        assertFalse(acc.ready(cluster, 0).readyNodes.isEmpty());
    }

    @Test
    void unknownLeadersAreReported() throws Exception {
        Cluster leaderless = TestClusters.cluster(TOPIC, 2, TestClusters.nodes(1), Set.of(1));
        RecordAccumulator acc = accumulator(1024, 0, 1 << 20, Compression.NONE, null);
        acc.append(TOPIC, 1, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 0, leaderless);
        RecordAccumulator.ReadyCheckResult r = acc.ready(leaderless, 10);
        assertTrue(r.readyNodes.isEmpty());
        assertEquals(Set.of(TOPIC), r.unknownLeaderTopics);
    }

    /** What the accumulator encodes reads back through Apache's own record classes, for every codec. */
    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void drainedBatchesDecodeWithApacheToTheSameRecords(CompressionType type) throws Exception {
        RecordAccumulator acc = accumulator(16384, 0, 1 << 20, Compression.of(type).build(), null);
        int n = 500;
        for (int i = 0; i < n; i++) {
            Header[] headers = i % 3 == 0 ? new Header[] {new RecordHeader("h" + i, bytes("v" + i))} : NO_HEADERS;
            byte[] key = i % 2 == 0 ? null : bytes("key-" + i);
            acc.append(TOPIC, 3, 1_700_000_000_000L + i, key, bytes("value-" + i + "-" + "x".repeat(i % 50)),
                headers, future(), 0, 0, cluster);
        }
        Map<Integer, List<ProducerBatch>> drained = new HashMap<>();
        while (acc.hasUndrained()) {
            acc.drain(cluster, allNodes(cluster), 1 << 20, 1000).forEach((k, v) -> drained.merge(k, v, (a, b) -> {
                List<ProducerBatch> all = new ArrayList<>(a);
                all.addAll(b);
                return all;
            }));
        }
        Node leader = cluster.leaderFor(new TopicPartition(TOPIC, 3));
        List<ProducerBatch> batches = drained.get(leader.id());
        int i = 0;
        for (ProducerBatch batch : batches) {
            ByteBuf records = batch.records();
            byte[] copy = new byte[records.readableBytes()];
            records.getBytes(records.readerIndex(), copy);
            org.apache.kafka.common.record.MemoryRecords apache =
                org.apache.kafka.common.record.MemoryRecords.readableRecords(ByteBuffer.wrap(copy));
            for (org.apache.kafka.common.record.RecordBatch b : apache.batches()) {
                b.ensureValid();
                assertEquals(type.id, b.compressionType().id);
                for (org.apache.kafka.common.record.Record r : b) {
                    assertEquals(1_700_000_000_000L + i, r.timestamp());
                    assertEquals(i % 2 == 0 ? null : "key-" + i, r.hasKey() ? utf8(r.key()) : null);
                    assertEquals("value-" + i + "-" + "x".repeat(i % 50), utf8(r.value()));
                    assertEquals(i % 3 == 0 ? 1 : 0, r.headers().length);
                    if (i % 3 == 0) {
                        assertEquals("h" + i, r.headers()[0].key());
                        assertArrayEquals(bytes("v" + i), r.headers()[0].value());
                    }
                    i++;
                }
            }
            batch.complete(0, -1, null);
            acc.deallocate(batch);
        }
        assertEquals(n, i);
        assertEquals(1 << 20, acc.pool().availableMemory(), "every byte came back to the pool");
    }

    private static String utf8(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return new String(a, StandardCharsets.UTF_8);
    }

    @Test
    void compressionEstimateLetsCompressibleBatchesHoldMore() throws Exception {
        RecordAccumulator acc = accumulator(4096, 0, 1 << 22, Compression.lz4().build(), null);
        byte[] value = new byte[100]; // zeros compress very well
        List<Integer> perBatch = new ArrayList<>();
        while (perBatch.size() < 150) {
            acc.append(TOPIC, 0, 1000L, null, value, NO_HEADERS, future(), 0, 0, cluster);
            if (acc.queuedBatches(new TopicPartition(TOPIC, 0)) == 2) {
                ProducerBatch full = acc.drain(cluster, allNodes(cluster), 1 << 22, 0).values().iterator().next().get(0);
                perBatch.add(full.recordCount());
                full.complete(0, -1, null);
                acc.deallocate(full);
            }
        }
        // The estimate improves by small steps, as Apache's does: after 150 batches it has fallen
        // from 1.0 to about 0.25, so a batch holds about four times as many records.
        assertEquals(35, perBatch.get(0));
        assertTrue(perBatch.get(149) > 3 * perBatch.get(0), "later batches should hold more: " + perBatch);
    }

    @Test
    void keylessRecordsStickToAPartitionForAboutABatch() throws Exception {
        RecordAccumulator acc = accumulator(2048, 100_000, 8 << 20, Compression.NONE, null);
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            chosen.add(acc.append(TOPIC, -1, 1000L, null, new byte[100], NO_HEADERS, future(), 0, 0, cluster));
        }
        int runs = 1;
        int minRun = Integer.MAX_VALUE;
        int run = 1;
        for (int i = 1; i < chosen.size(); i++) {
            if (!chosen.get(i).equals(chosen.get(i - 1))) {
                runs++;
                minRun = Math.min(minRun, run);
                run = 1;
            } else {
                run++;
            }
        }
        // 17 records of ~115 bytes fill 2048 bytes. The switch waits for batch.size bytes and a full
        // open batch: the first batch holds 2,016 bytes, so the 18th record opens a second one, and
        // the 35th, which fits neither, moves on. Runs are 34 records (as with Apache's
        // partitioner), about 1,180 of them.
        assertTrue(minRun >= 15, "switched after only " + minRun + " records");
        assertTrue(runs > 800, "only " + runs + " runs");
        int[] perPartition = new int[4];
        chosen.forEach(p -> perPartition[p]++);
        // Runs spread uniformly: 10,000 records each, give or take about 500; 7,000 is six of those away.
        for (int count : perPartition) {
            assertTrue(count > 7000, java.util.Arrays.toString(perPartition));
        }
    }

    @Test
    void aStickySwitchLeavesOnlyFullBatchesBehind() throws Exception {
        // One node, so that every drain can take any partition's batch; linger too long to matter.
        Cluster oneNode = TestClusters.cluster(TOPIC, 4, TestClusters.nodes(1), Set.of());
        RecordAccumulator acc = accumulator(2048, 100_000, 8 << 20, Compression.NONE, null);
        List<Integer> perBatch = new ArrayList<>();
        int previous = -1;
        for (int i = 0; i < 5_000; i++) {
            int p = acc.append(TOPIC, -1, 1000L, null, new byte[100], NO_HEADERS, future(), 0, 0, oneNode);
            if (previous >= 0 && p != previous) {
                // The partition left behind is sendable at once, linger or not: its last batch is full.
                assertEquals(allNodes(oneNode), acc.ready(oneNode, 0).readyNodes, "after record " + i);
                TopicPartition left = new TopicPartition(TOPIC, previous);
                while (acc.queuedBatches(left) > 0) {
                    for (ProducerBatch b : acc.drain(oneNode, allNodes(oneNode), 1 << 20, 0).get(0)) {
                        if (b.topicPartition().equals(left)) {
                            perBatch.add(b.recordCount());
                        }
                    }
                }
            }
            previous = p;
        }
        // A record that does not fit moves the choice on instead of opening a batch that would
        // wait, nearly empty, for linger.ms or the next full batch: every batch is full (18 records).
        assertTrue(perBatch.size() > 200, "only " + perBatch.size() + " batches");
        assertEquals(18, perBatch.stream().mapToInt(Integer::intValue).min().orElseThrow(), perBatch.toString());
        assertEquals(18, perBatch.stream().mapToInt(Integer::intValue).max().orElseThrow(), perBatch.toString());
        assertTrue(wakeups.get() >= perBatch.size(), "each full batch wakes the sender");
    }

    @Test
    void appendBlocksOnAFullPoolThenFailsNamingTheSettings() throws Exception {
        RecordAccumulator acc = accumulator(1024, 100_000, 2048, Compression.NONE, null);
        acc.append(TOPIC, 0, 1000L, null, new byte[900], NO_HEADERS, future(), 0, 0, cluster);
        acc.append(TOPIC, 1, 1000L, null, new byte[900], NO_HEADERS, future(), 0, 0, cluster);
        BufferExhaustedException e = assertThrows(BufferExhaustedException.class,
            () -> acc.append(TOPIC, 2, 1000L, null, new byte[900], NO_HEADERS, future(), 30, 0, cluster));
        assertTrue(e.getMessage().contains("buffer.memory") && e.getMessage().contains("max.block.ms"));
        assertTrue(acc.ready(cluster, 0).readyNodes.isEmpty(), "nothing waits after the failure");

        Future<Integer> blocked = executor.submit(() ->
            acc.append(TOPIC, 2, 1000L, null, new byte[900], NO_HEADERS, future(), 60_000, 0, cluster));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acc.pool().queued() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertFalse(acc.ready(cluster, 0).readyNodes.isEmpty(), "a waiting sender makes batches sendable");
        for (List<ProducerBatch> bs : acc.drain(cluster, allNodes(cluster), 1 << 20, 0).values()) {
            for (ProducerBatch b : bs) {
                b.complete(0, -1, null);
                acc.deallocate(b);
            }
        }
        assertEquals(2, blocked.get(30, TimeUnit.SECONDS));
    }

    @Test
    void expiresBatchesPastDeliveryTimeout() throws Exception {
        RecordAccumulator acc = new RecordAccumulator(1024, 0, 1000, 100, 1000, Compression.NONE,
            new BufferPool(1 << 20, PooledByteBufAllocator.DEFAULT), null, () -> { });
        toClose.add(acc);
        acc.append(TOPIC, 0, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 0, cluster);
        acc.append(TOPIC, 1, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 500, cluster);
        assertEquals(1000, acc.nextExpiryDelayMs(0));
        assertTrue(acc.expiredBatches(999).isEmpty());
        List<ProducerBatch> expired = acc.expiredBatches(1000);
        assertEquals(1, expired.size());
        assertEquals(0, expired.get(0).topicPartition().partition());
        assertEquals(500, acc.nextExpiryDelayMs(1000));
    }

    @Test
    void retriesGoBackInFrontAndWaitOutTheirBackoff() throws Exception {
        RecordAccumulator acc = accumulator(1024, 0, 1 << 20, Compression.NONE, null);
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        acc.append(TOPIC, 0, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 0, cluster);
        ProducerBatch first = acc.drain(cluster, allNodes(cluster), 1 << 20, 10).values().iterator().next().get(0);
        acc.append(TOPIC, 0, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 20, cluster);
        acc.reenqueue(first, 30);
        assertEquals(2, acc.queuedBatches(tp));
        assertTrue(acc.ready(cluster, 50).readyNodes.isEmpty(), "backing off (100 ms)");
        assertTrue(acc.drain(cluster, allNodes(cluster), 1 << 20, 50).isEmpty());
        ProducerBatch again = acc.drain(cluster, allNodes(cluster), 1 << 20, 130).values().iterator().next().get(0);
        assertSame(first, again);
        assertEquals(1, again.attempts());
    }

    @Test
    void backoffGrowsExponentiallyToTheMax() {
        RecordAccumulator acc = accumulator(1024, 0, 1 << 20, Compression.NONE, null);
        assertEquals(100, acc.retryBackoff(1));
        assertEquals(200, acc.retryBackoff(2));
        assertEquals(400, acc.retryBackoff(3));
        assertEquals(1000, acc.retryBackoff(10));
        assertEquals(1000, acc.retryBackoff(1000));
    }

    @Test
    void idempotentBatchesGetSequencesOnlyWithAProducerId() throws Exception {
        IdempotenceManager idem = new IdempotenceManager();
        RecordAccumulator acc = accumulator(1024, 0, 1 << 20, Compression.NONE, idem);
        for (int i = 0; i < 3; i++) {
            acc.append(TOPIC, 0, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 0, cluster);
        }
        assertTrue(acc.drain(cluster, allNodes(cluster), 1 << 20, 10).isEmpty(), "no producer id yet");
        idem.setProducerIdAndEpoch(77L, (short) 3);
        ProducerBatch b1 = acc.drain(cluster, allNodes(cluster), 1 << 20, 10).values().iterator().next().get(0);
        assertEquals(0, b1.baseSequence());
        assertEquals(77L, b1.producerId());
        for (int i = 0; i < 2; i++) {
            acc.append(TOPIC, 0, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 0, cluster);
        }
        assertTrue(acc.drain(cluster, allNodes(cluster), 1 << 20, 10).isEmpty(),
            "one batch at a time until the broker acknowledged one (it may hold no state for us yet)");
        ProducerBatch b2 = drainWithFirstAcknowledged(acc, idem, b1);
        assertEquals(3, b2.baseSequence());
        org.apache.kafka.common.record.RecordBatch onWire = apacheBatch(b2);
        assertEquals(77L, onWire.producerId());
        assertEquals(3, onWire.producerEpoch());
        assertEquals(3, onWire.baseSequence());
        onWire.ensureValid();

        // With one acknowledged, batches may be in flight together.
        acc.append(TOPIC, 0, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 0, cluster);
        ProducerBatch b3 = acc.drain(cluster, allNodes(cluster), 1 << 20, 10).values().iterator().next().get(0);
        assertEquals(5, b3.baseSequence());

        // Both fail retriably; they go back in sequence order and only the first may leave.
        acc.reenqueue(b3, 20);
        acc.reenqueue(b2, 20);
        ProducerBatch next = acc.drain(cluster, allNodes(cluster), 1 << 20, 1000).values().iterator().next().get(0);
        assertSame(b2, next);
        assertTrue(acc.drain(cluster, allNodes(cluster), 1 << 20, 1000).isEmpty(),
            "b3 waits until b2, the lowest sequence in flight, is done");
        next.complete(0, -1, null);
        idem.handleCompletedBatch(next);
        assertSame(b3, acc.drain(cluster, allNodes(cluster), 1 << 20, 1000).values().iterator().next().get(0));
    }

    /** Acknowledges {@code first}, then drains the partition's next batch. */
    private ProducerBatch drainWithFirstAcknowledged(RecordAccumulator acc, IdempotenceManager idem, ProducerBatch first) {
        first.complete(0, -1, null);
        idem.handleCompletedBatch(first);
        acc.deallocate(first);
        return acc.drain(cluster, allNodes(cluster), 1 << 20, 10).values().iterator().next().get(0);
    }

    @Test
    void anIdempotentPartitionSendsToANewLeaderOnlyAfterItsRequestsToTheOldOneEnded() throws Exception {
        IdempotenceManager idem = new IdempotenceManager();
        idem.setProducerIdAndEpoch(5L, (short) 0);
        RecordAccumulator acc = accumulator(1024, 0, 1 << 20, Compression.NONE, idem);
        List<Node> nodes = TestClusters.nodes(2);
        Cluster ledBy0 = TestClusters.cluster(TOPIC, 1, nodes, Set.of());
        Cluster ledBy1 = TestClusters.cluster(TOPIC, 1, List.of(nodes.get(1), nodes.get(0)), Set.of());
        acc.append(TOPIC, 0, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 0, ledBy0);
        ProducerBatch first = acc.drain(ledBy0, allNodes(ledBy0), 1 << 20, 10).get(0).get(0);
        acc.onRequestSent(first, 0);
        first.complete(0, -1, null);
        idem.handleCompletedBatch(first);
        acc.onRequestEnded(first);
        acc.deallocate(first);

        acc.append(TOPIC, 0, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 0, ledBy0);
        ProducerBatch second = acc.drain(ledBy0, allNodes(ledBy0), 1 << 20, 20).get(0).get(0);
        acc.onRequestSent(second, 0);
        // The leader moves while the request to node 0 is out; a new batch waits for it.
        acc.append(TOPIC, 0, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 0, ledBy1);
        assertTrue(acc.ready(ledBy1, 30).readyNodes.isEmpty());
        assertTrue(acc.drain(ledBy1, allNodes(ledBy1), 1 << 20, 30).isEmpty(),
            "node 0 may have written the batch, and node 1 would accept the next sequence on top of it");

        // The request ends without an answer: its batch goes back and leaves first, to the new leader.
        acc.onRequestEnded(second);
        acc.reenqueue(second, 40);
        assertEquals(Set.of(nodes.get(1)), acc.ready(ledBy1, 200).readyNodes);
        ProducerBatch retried = acc.drain(ledBy1, allNodes(ledBy1), 1 << 20, 200).get(1).get(0);
        assertSame(second, retried);
        assertEquals(1, retried.baseSequence());
        acc.onRequestSent(retried, 1);
        // To the same node, the next batch may follow it.
        ProducerBatch third = acc.drain(ledBy1, allNodes(ledBy1), 1 << 20, 200).get(1).get(0);
        assertEquals(2, third.baseSequence());
    }

    @Test
    void withoutIdempotenceALeaderMoveDoesNotHoldThePartition() throws Exception {
        RecordAccumulator acc = accumulator(1024, 0, 1 << 20, Compression.NONE, null);
        List<Node> nodes = TestClusters.nodes(2);
        Cluster ledBy0 = TestClusters.cluster(TOPIC, 1, nodes, Set.of());
        Cluster ledBy1 = TestClusters.cluster(TOPIC, 1, List.of(nodes.get(1), nodes.get(0)), Set.of());
        acc.append(TOPIC, 0, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 0, ledBy0);
        acc.onRequestSent(acc.drain(ledBy0, allNodes(ledBy0), 1 << 20, 10).get(0).get(0), 0);
        acc.append(TOPIC, 0, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 0, ledBy1);
        assertEquals(1, acc.drain(ledBy1, allNodes(ledBy1), 1 << 20, 20).get(1).size());
    }

    @Test
    void anEpochBumpRenumbersInFlightBatchesAndRewritesTheirHeaders() throws Exception {
        IdempotenceManager idem = new IdempotenceManager();
        idem.setProducerIdAndEpoch(5L, (short) 0);
        RecordAccumulator acc = accumulator(1024, 0, 1 << 20, Compression.zstd().build(), idem);
        List<ProducerBatch> sent = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                acc.append(TOPIC, 1, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 0, cluster);
            }
            sent.addAll(acc.drain(cluster, allNodes(cluster), 1 << 20, 10).values().iterator().next());
            if (round == 0) {
                // The first batch succeeds, which lets the others be in flight together.
                idem.handleCompletedBatch(sent.get(0));
            }
        }
        assertEquals(List.of(0, 4, 8), sent.stream().map(ProducerBatch::baseSequence).toList());
        // The second meets a gap the broker cannot explain.
        assertTrue(idem.canRetry(io.strand.common.protocol.Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, 0, sent.get(1)));
        assertFalse(idem.bumpEpochIfNeeded());
        assertEquals(1, idem.producerEpoch());
        assertEquals(0, sent.get(1).baseSequence());
        assertEquals(4, sent.get(2).baseSequence());
        org.apache.kafka.common.record.RecordBatch rewritten = apacheBatch(sent.get(2));
        rewritten.ensureValid();
        assertEquals(1, rewritten.producerEpoch());
        assertEquals(4, rewritten.baseSequence());
        assertEquals(8, idem.nextSequence(new TopicPartition(TOPIC, 1)));
    }

    private static org.apache.kafka.common.record.RecordBatch apacheBatch(ProducerBatch batch) {
        ByteBuf records = batch.records();
        byte[] copy = new byte[records.readableBytes()];
        records.getBytes(records.readerIndex(), copy);
        return org.apache.kafka.common.record.MemoryRecords.readableRecords(ByteBuffer.wrap(copy)).batches().iterator().next();
    }

    @Test
    void manyThreadsAppendingKeepEachThreadsOrderPerPartition() throws Exception {
        RecordAccumulator acc = accumulator(4096, 0, 64 << 20, Compression.NONE, null);
        int threads = 8;
        int perThread = 5000;
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            done.add(executor.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    acc.append(TOPIC, i % 4, 1000L, bytes(id + ":" + i), new byte[20], NO_HEADERS, future(), 60_000, 0,
                        cluster);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        int[][] lastSeen = new int[threads][4];
        for (int[] row : lastSeen) {
            java.util.Arrays.fill(row, -1);
        }
        int total = 0;
        while (acc.hasUndrained()) {
            for (List<ProducerBatch> bs : acc.drain(cluster, allNodes(cluster), 1 << 20, 0).values()) {
                for (ProducerBatch b : bs) {
                    ByteBuf records = b.records();
                    byte[] copy = new byte[records.readableBytes()];
                    records.getBytes(records.readerIndex(), copy);
                    for (org.apache.kafka.common.record.Record r
                        : org.apache.kafka.common.record.MemoryRecords.readableRecords(ByteBuffer.wrap(copy)).records()) {
                        String[] key = utf8(r.key()).split(":");
                        int thread = Integer.parseInt(key[0]);
                        int seq = Integer.parseInt(key[1]);
                        int partition = b.topicPartition().partition();
                        assertEquals(partition, seq % 4);
                        assertTrue(seq > lastSeen[thread][partition], "out of order");
                        lastSeen[thread][partition] = seq;
                        total++;
                    }
                    b.complete(0, -1, null);
                    acc.deallocate(b);
                }
            }
        }
        assertEquals(threads * perThread, total);
    }

    @Test
    void abortFailsQueuedRecordsAndReturnsTheirMemory() throws Exception {
        RecordAccumulator acc = accumulator(1024, 100_000, 1 << 20, Compression.NONE, null);
        RecordFuture f = future();
        acc.append(TOPIC, 0, 1000L, null, new byte[10], NO_HEADERS, f, 0, 0, cluster);
        acc.abortIncompleteBatches(new KafkaException("closing"), null);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(1, TimeUnit.SECONDS));
        assertEquals("closing", e.getCause().getMessage());
        assertFalse(acc.hasIncomplete());
        assertEquals(1 << 20, acc.pool().availableMemory());
        acc.close();
        assertThrows(KafkaException.class,
            () -> acc.append(TOPIC, 0, 1000L, null, new byte[10], NO_HEADERS, future(), 0, 0, cluster));
    }

    @Test
    void recordFuturesCannotBeCompletedByCallers() throws Exception {
        RecordFuture f = future();
        assertThrows(UnsupportedOperationException.class, () -> f.complete(null));
        assertThrows(UnsupportedOperationException.class, () -> f.completeExceptionally(new RuntimeException()));
        assertFalse(f.cancel(true));
        assertFalse(f.isDone());
        f.succeed(new TopicPartition(TOPIC, 0), 10, -1, null);
        RecordMetadata m = f.get();
        assertEquals(10, m.offset());
        assertNull(f.thenApply(x -> (Object) null).get());
    }

    @Test
    void requestSizeLimitsHowManyBatchesOneDrainTakes() throws Exception {
        Cluster oneNode = TestClusters.cluster(TOPIC, 4, TestClusters.nodes(1), Set.of());
        RecordAccumulator acc = accumulator(1024, 0, 1 << 20, Compression.NONE, null);
        for (int p = 0; p < 4; p++) {
            acc.append(TOPIC, p, 1000L, null, new byte[500], NO_HEADERS, future(), 0, 0, oneNode);
        }
        List<ProducerBatch> first = acc.drain(oneNode, allNodes(oneNode), 1200, 10).get(0);
        assertEquals(2, first.size());
        List<ProducerBatch> second = acc.drain(oneNode, allNodes(oneNode), 1200, 10).get(0);
        assertEquals(2, second.size());
        assertFalse(acc.hasUndrained());
    }
}
