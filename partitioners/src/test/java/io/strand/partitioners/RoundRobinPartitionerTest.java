package io.strand.partitioners;

import io.strand.clients.producer.RoundRobinPartitioner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.Cluster;
import io.strand.common.PartitionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

class RoundRobinPartitionerTest {

    @Test
    void everyPartitionGetsExactlyItsShare() {
        RoundRobinPartitioner partitioner = new RoundRobinPartitioner();
        partitioner.configure(Map.of());
        Cluster cluster = TestClusters.topic("t", 7);
        long[] counts = new long[7];
        for (int i = 0; i < 7 * 1000; i++) {
            counts[partitioner.partition("t", "same-key", new byte[]{1}, "v", null, cluster)]++;
        }
        for (long c : counts) {
            assertEquals(1000, c);
        }
        assertTrue(ChiSquare.looksUniform(counts));
    }

    @Test
    void skipsPartitionsWithoutLeaderAndFallsBackToAllWhenNoneHasOne() {
        RoundRobinPartitioner partitioner = new RoundRobinPartitioner();
        Cluster someDown = TestClusters.topic("t", 5, 1, 3);
        long[] counts = new long[5];
        for (int i = 0; i < 300; i++) {
            counts[partitioner.partition("t", null, null, "v", null, someDown)]++;
        }
        assertEquals(0, counts[1]);
        assertEquals(0, counts[3]);
        assertEquals(100, counts[0]);
        assertEquals(100, counts[2]);
        assertEquals(100, counts[4]);

        Cluster allDown = TestClusters.topic("t", 3, 0, 1, 2);
        long[] fallback = new long[3];
        for (int i = 0; i < 30; i++) {
            fallback[partitioner.partition("t", null, null, "v", null, allDown)]++;
        }
        assertEquals(10, fallback[0]);
        assertEquals(10, fallback[1]);
        assertEquals(10, fallback[2]);
    }

    @Test
    void keepsOneCounterPerTopic() {
        RoundRobinPartitioner partitioner = new RoundRobinPartitioner();
        Cluster a = TestClusters.topic("a", 4);
        Cluster b = TestClusters.topic("b", 4);
        assertEquals(0, partitioner.partition("a", null, null, null, null, a));
        assertEquals(1, partitioner.partition("a", null, null, null, null, a));
        assertEquals(0, partitioner.partition("b", null, null, null, null, b));
        assertEquals(2, partitioner.partition("a", null, null, null, null, a));
        assertEquals(1, partitioner.partition("b", null, null, null, null, b));
    }

    /** Apache's RoundRobinPartitioner is the oracle: same calls, same clusters, same answers. */
    @Test
    void choosesWhatApacheChoosesAsTopicsAndLeadersChange() {
        RoundRobinPartitioner strand = new RoundRobinPartitioner();
        org.apache.kafka.clients.producer.RoundRobinPartitioner apache =
            new org.apache.kafka.clients.producer.RoundRobinPartitioner();
        apache.configure(Map.of());
        Random random = new Random(42);
        String[] topics = {"x", "y", "z"};
        for (int step = 0; step < 5_000; step++) {
            String topic = topics[random.nextInt(topics.length)];
            int partitions = 1 + random.nextInt(8);
            int[] down = random.nextInt(4) == 0 ? leaderless(random, partitions) : new int[0];
            int expected = apache.partition(topic, null, null, null, null, apacheCluster(topic, partitions, down));
            int actual = strand.partition(topic, null, null, null, null, TestClusters.topic(topic, partitions, down));
            assertEquals(expected, actual, "step " + step);
        }
    }

    @Test
    void concurrentSendersNeitherSkipNorRepeatAPartition() throws Exception {
        RoundRobinPartitioner partitioner = new RoundRobinPartitioner();
        Cluster cluster = TestClusters.topic("t", 6);
        AtomicLongArray counts = new AtomicLongArray(6);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 6_000; i++) {
                        counts.incrementAndGet(partitioner.partition("t", null, null, null, null, cluster));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int p = 0; p < 6; p++) {
            assertEquals(4_000, counts.get(p), "partition " + p);
        }
    }

    private static int[] leaderless(Random random, int partitions) {
        int n = random.nextInt(partitions + 1);
        int[] down = new int[n];
        for (int i = 0; i < n; i++) {
            down[i] = random.nextInt(partitions);
        }
        return down;
    }

    private static org.apache.kafka.common.Cluster apacheCluster(String topic, int partitions, int... leaderless) {
        org.apache.kafka.common.Node node = new org.apache.kafka.common.Node(0, "localhost", 9092);
        List<org.apache.kafka.common.PartitionInfo> infos = new ArrayList<>();
        for (PartitionInfo p : TestClusters.partitionInfos(topic, partitions, leaderless)) {
            org.apache.kafka.common.Node[] replicas = {node};
            infos.add(new org.apache.kafka.common.PartitionInfo(topic, p.partition(), p.leader() == null ? null : node,
                replicas, p.leader() == null ? new org.apache.kafka.common.Node[0] : replicas));
        }
        return new org.apache.kafka.common.Cluster("c", List.of(node), infos, Set.of(), Set.of());
    }
}
