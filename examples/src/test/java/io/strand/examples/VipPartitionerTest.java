package io.strand.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strand.common.Cluster;
import io.strand.common.Node;
import io.strand.common.PartitionInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VipPartitionerTest {

    private static final Node NODE = new Node(0, "localhost", 9092);

    @Test
    void vipKeysGoToPartitionZeroAndNoOtherKeyDoes() {
        VipPartitioner p = new VipPartitioner();
        p.configure(Map.of());
        Cluster cluster = cluster("t", 4);
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, partition(p, cluster, "vip-" + i));
            int other = partition(p, cluster, "customer-" + i);
            assertNotEquals(0, other);
            used.add(other);
        }
        assertEquals(Set.of(1, 2, 3), used);
    }

    @Test
    void thePrefixIsConfigurable() {
        VipPartitioner p = new VipPartitioner();
        p.configure(Map.of(VipPartitioner.PREFIX_CONFIG, "gold:"));
        Cluster cluster = cluster("t", 3);
        assertEquals(0, partition(p, cluster, "gold:42"));
        assertNotEquals(0, partition(p, cluster, "vip-42"));
    }

    @Test
    void aSinglePartitionTakesEverything() {
        VipPartitioner p = new VipPartitioner();
        assertEquals(0, partition(p, cluster("t", 1), "customer-7"));
    }

    @Test
    void aRecordWithoutKeyIsRefusedNamingTheTopic() {
        VipPartitioner p = new VipPartitioner();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> p.partition("orders", null, null, "v", null, cluster("orders", 2)));
        assertEquals("VipPartitioner needs a key on every record of orders", e.getMessage());
    }

    private static int partition(VipPartitioner p, Cluster cluster, String key) {
        return p.partition("t", key, key.getBytes(StandardCharsets.UTF_8), "v", null, cluster);
    }

    private static Cluster cluster(String topic, int partitions) {
        List<PartitionInfo> infos = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            infos.add(new PartitionInfo(topic, i, NODE, new Node[] {NODE}, new Node[] {NODE}));
        }
        return new Cluster("c", List.of(NODE), infos, Set.of(), Set.of());
    }
}
