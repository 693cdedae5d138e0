package io.strand.clients.producer.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.clients.producer.internals.BuiltInPartitioner.StickyPartition;
import io.strand.common.Cluster;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BuiltInPartitionerTest {

    @Test
    void keyedRecordsLandWhereApachePutsThem() {
        SplittableRandom random = new SplittableRandom(7);
        int[] counts = {1, 2, 3, 5, 6, 7, 10, 12, 16, 31, 50, 64, 100, 1000, 4096};
        for (int i = 0; i < 100_000; i++) {
            byte[] key = new byte[random.nextInt(0, 40)];
            for (int j = 0; j < key.length; j++) {
                key[j] = (byte) random.nextInt();
            }
            int n = counts[i % counts.length];
            assertEquals(org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(key, n),
                BuiltInPartitioner.partitionForKey(key, n));
        }
        for (int i = 0; i < 20_000; i++) {
            byte[] key = ("user-" + i).getBytes(StandardCharsets.UTF_8);
            assertEquals(org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(key, 12),
                BuiltInPartitioner.partitionForKey(key, 12));
        }
    }

    @Test
    void sticksUntilBatchSizeBytesAndAFullBatch() {
        Cluster cluster = TestClusters.cluster("t", 6);
        BuiltInPartitioner partitioner = new BuiltInPartitioner("t", 1000);
        StickyPartition first = partitioner.peekCurrentPartition(cluster);
        assertSame(first, partitioner.peekCurrentPartition(cluster));

        partitioner.updatePartitionInfo(first, 600, cluster, true);
        assertSame(first, partitioner.peekCurrentPartition(cluster), "under batch.size: stays");
        partitioner.updatePartitionInfo(first, 600, cluster, false);
        assertSame(first, partitioner.peekCurrentPartition(cluster), "over batch.size but the batch is not full: stays");
        partitioner.updatePartitionInfo(first, 100, cluster, true);
        StickyPartition second = partitioner.peekCurrentPartition(cluster);
        assertNotEquals(first.partition(), second.partition(), "switches to another partition");
        assertEquals(0, second.producedBytes());
    }

    @Test
    void movesOnAtTwiceBatchSizeEvenWithoutAFullBatch() {
        Cluster cluster = TestClusters.cluster("t", 4);
        BuiltInPartitioner partitioner = new BuiltInPartitioner("t", 1000);
        StickyPartition first = partitioner.peekCurrentPartition(cluster);
        partitioner.updatePartitionInfo(first, 1999, cluster, false);
        assertSame(first, partitioner.peekCurrentPartition(cluster));
        partitioner.updatePartitionInfo(first, 1, cluster, false);
        assertNotEquals(first.partition(), partitioner.peekCurrentPartition(cluster).partition());
    }

    @Test
    void anUpdateUnderAStaleChoiceChangesNothing() {
        Cluster cluster = TestClusters.cluster("t", 4);
        BuiltInPartitioner partitioner = new BuiltInPartitioner("t", 100);
        StickyPartition first = partitioner.peekCurrentPartition(cluster);
        partitioner.updatePartitionInfo(first, 100, cluster, true);
        StickyPartition second = partitioner.peekCurrentPartition(cluster);
        partitioner.updatePartitionInfo(first, 1000, cluster, true);
        assertSame(second, partitioner.peekCurrentPartition(cluster));
        assertEquals(0, second.producedBytes());
    }

    @Test
    void choosesOnlyPartitionsWithALeaderAndSpreadsEvenly() {
        Cluster cluster = TestClusters.cluster("t", 8, TestClusters.nodes(2), Set.of(1, 5));
        BuiltInPartitioner partitioner = new BuiltInPartitioner("t", 10);
        int[] chosen = new int[8];
        for (int i = 0; i < 60_000; i++) {
            StickyPartition s = partitioner.peekCurrentPartition(cluster);
            chosen[s.partition()]++;
            partitioner.updatePartitionInfo(s, 10, cluster, true);
        }
        assertEquals(0, chosen[1]);
        assertEquals(0, chosen[5]);
        for (int p : new int[] {0, 2, 3, 4, 6, 7}) {
            // 10,000 expected for each of the six; a uniform choice stays far inside these bounds.
            assertTrue(chosen[p] > 8_500 && chosen[p] < 11_500, "partition " + p + " chosen " + chosen[p] + " times");
        }
    }

    @Test
    void withNoLeaderAnywhereStillChoosesAmongAllPartitions() {
        Cluster cluster = TestClusters.cluster("t", 3, TestClusters.nodes(1), Set.of(0, 1, 2));
        BuiltInPartitioner partitioner = new BuiltInPartitioner("t", 10);
        int p = partitioner.peekCurrentPartition(cluster).partition();
        assertTrue(p >= 0 && p < 3);
    }
}
