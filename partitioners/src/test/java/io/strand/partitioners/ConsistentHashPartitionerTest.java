package io.strand.partitioners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.Cluster;
import io.strand.common.utils.Utils;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConsistentHashPartitionerTest {

    private static final int KEYS = 100_000;
    private static final int[] SIZES = {1, 2, 3, 4, 5, 8, 10, 16, 32, 64, 100};

    private static byte[][] keys() {
        byte[][] keys = new byte[KEYS][];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = ("key-" + i).getBytes(StandardCharsets.UTF_8);
        }
        return keys;
    }

    /**
     * The figures in the class javadoc: going from N to N+1 partitions moves close to 1/(N+1) of
     * the keys (within 5 binomial standard deviations), all of them onto the new partition, while
     * murmur2 modulo N moves close to N/(N+1).
     */
    @Test
    void growingByOnePartitionMovesAboutOneInNPlusOneKeys() {
        byte[][] keys = keys();
        StringBuilder table = new StringBuilder("N -> N+1   ideal   consistent   murmur2 mod N\n");
        for (int n : SIZES) {
            int moved = 0;
            int movedByModulo = 0;
            for (byte[] key : keys) {
                int before = ConsistentHashPartitioner.partitionForKey(key, n);
                int after = ConsistentHashPartitioner.partitionForKey(key, n + 1);
                if (before != after) {
                    moved++;
                    assertEquals(n, after, "a moved key must land on the new partition");
                }
                int hash = Utils.toPositive(Utils.murmur2(key));
                if (hash % n != hash % (n + 1)) {
                    movedByModulo++;
                }
            }
            double ideal = 1.0 / (n + 1);
            assertWithinBinomial(moved, KEYS, ideal, "consistent hash, " + n + " -> " + (n + 1));
            assertWithinBinomial(movedByModulo, KEYS, n / (n + 1.0), "murmur2 modulo, " + n + " -> " + (n + 1));
            table.append(String.format("%3d -> %-3d  %.4f  %.4f       %.4f%n", n, n + 1, ideal,
                (double) moved / KEYS, (double) movedByModulo / KEYS));
        }
        System.out.print(table);
    }

    @Test
    void growingByManyPartitionsMovesOnlyTheNewPartitionsShare() {
        byte[][] keys = keys();
        int moved = 0;
        for (byte[] key : keys) {
            int after = ConsistentHashPartitioner.partitionForKey(key, 12);
            if (ConsistentHashPartitioner.partitionForKey(key, 8) != after) {
                moved++;
                assertTrue(after >= 8, "moved keys land only on partitions 8..11");
            }
        }
        assertWithinBinomial(moved, KEYS, 4.0 / 12, "consistent hash, 8 -> 12");
    }

    @Test
    void spreadsKeysUniformly() {
        byte[][] named = keys();
        Random random = new Random(7);
        for (int n : new int[]{2, 3, 10, 32, 100}) {
            long[] byName = new long[n];
            long[] byRandomBytes = new long[n];
            for (byte[] key : named) {
                byName[ConsistentHashPartitioner.partitionForKey(key, n)]++;
                byte[] raw = new byte[1 + random.nextInt(32)];
                random.nextBytes(raw);
                byRandomBytes[ConsistentHashPartitioner.partitionForKey(raw, n)]++;
            }
            assertTrue(ChiSquare.looksUniform(byName), n + " partitions, chi2=" + ChiSquare.statistic(byName));
            assertTrue(ChiSquare.looksUniform(byRandomBytes),
                n + " partitions, chi2=" + ChiSquare.statistic(byRandomBytes));
        }
    }

    /**
     * A key's partition is a contract with the consumers of a topic: it must never change across
     * releases. The expected values were computed with Guava's {@code Hashing.consistentHash}, an
     * independent implementation of jump hash, fed {@code murmur2(key) & 0xffffffffL}; the two
     * agreed on 200,000 keys with 1 to 500 buckets.
     */
    @Test
    void placementIsStable() {
        int[] expected = {668, 506, 145, 614};
        String[] names = {"", "us", "order-42", "key-99999"};
        for (int i = 0; i < names.length; i++) {
            assertEquals(expected[i], ConsistentHashPartitioner.partitionForKey(
                names[i].getBytes(StandardCharsets.UTF_8), 1000), names[i]);
        }
    }

    @Test
    void usesTheTopicsPartitionCountAndIgnoresLeaders() {
        ConsistentHashPartitioner partitioner = new ConsistentHashPartitioner();
        partitioner.configure(Map.of());
        Cluster someDown = TestClusters.topic("t", 6, 0, 1, 2, 3, 4);
        for (int i = 0; i < 1000; i++) {
            byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
            assertEquals(ConsistentHashPartitioner.partitionForKey(key, 6),
                partitioner.partition("t", "key-" + i, key, "v", null, someDown));
        }
    }

    @Test
    void nullKeysGoRoundRobinOverPartitionsWithALeader() {
        ConsistentHashPartitioner partitioner = new ConsistentHashPartitioner();
        Cluster someDown = TestClusters.topic("t", 4, 2);
        long[] counts = new long[4];
        for (int i = 0; i < 300; i++) {
            counts[partitioner.partition("t", null, null, "v", new byte[]{1}, someDown)]++;
        }
        assertEquals(100, counts[0]);
        assertEquals(100, counts[1]);
        assertEquals(0, counts[2]);
        assertEquals(100, counts[3]);
    }

    @Test
    void rejectsANonPositivePartitionCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ConsistentHashPartitioner.partitionForKey(new byte[]{1}, 0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }

    private static void assertWithinBinomial(int observed, int trials, double p, String what) {
        double mean = trials * p;
        double sd = Math.sqrt(trials * p * (1 - p));
        assertTrue(Math.abs(observed - mean) <= 5 * sd + 1,
            what + ": " + observed + " of " + trials + ", expected " + Math.round(mean) + " +- " + Math.round(5 * sd));
    }
}
