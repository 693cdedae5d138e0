package io.strand.clients.producer.internals;

import io.strand.common.Cluster;
import io.strand.common.Node;
import io.strand.common.PartitionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Cluster snapshots for unit tests: one topic, partitions led round robin by the given nodes. */
final class TestClusters {

    private TestClusters() {
    }

    static List<Node> nodes(int count) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(new Node(i, "host" + i, 9092));
        }
        return nodes;
    }

    /** {@code partitions} partitions of {@code topic}; those in {@code leaderless} have no leader. */
    static Cluster cluster(String topic, int partitions, List<Node> nodes, Set<Integer> leaderless) {
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            Node leader = leaderless.contains(p) ? null : nodes.get(p % nodes.size());
            infos.add(new PartitionInfo(topic, p, leader, nodes.toArray(new Node[0]), nodes.toArray(new Node[0])));
        }
        return new Cluster("test-cluster", nodes, infos, Set.of(), Set.of());
    }

    static Cluster cluster(String topic, int partitions) {
        return cluster(topic, partitions, nodes(3), Set.of());
    }
}
