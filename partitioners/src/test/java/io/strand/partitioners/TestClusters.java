package io.strand.partitioners;

import io.strand.common.Cluster;
import io.strand.common.Node;
import io.strand.common.PartitionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Cluster snapshots for partitioner tests: one node, topics with some partitions leaderless. */
final class TestClusters {

    static final Node NODE = new Node(0, "localhost", 9092);

    private TestClusters() {
    }

    /** A cluster holding {@code topic} with {@code partitions} partitions, those listed without a leader. */
    static Cluster topic(String topic, int partitions, int... leaderless) {
        return new Cluster("c", List.of(NODE), partitionInfos(topic, partitions, leaderless), Set.of(), Set.of());
    }

    static List<PartitionInfo> partitionInfos(String topic, int partitions, int... leaderless) {
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            boolean down = false;
            for (int l : leaderless) {
                down |= l == p;
            }
            Node[] replicas = {NODE};
            infos.add(new PartitionInfo(topic, p, down ? null : NODE, replicas, down ? new Node[0] : replicas));
        }
        return infos;
    }
}
