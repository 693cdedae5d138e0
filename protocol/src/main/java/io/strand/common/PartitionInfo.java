package io.strand.common;

import java.util.Arrays;
import java.util.Objects;

/** One partition as metadata describes it: its leader and replicas (the leader may be null). */
public final class PartitionInfo {

    private static final Node[] NO_NODES = new Node[0];

    private final String topic;
    private final int partition;
    private final Node leader;
    private final Node[] replicas;
    private final Node[] inSyncReplicas;
    private final Node[] offlineReplicas;

    public PartitionInfo(String topic, int partition, Node leader, Node[] replicas, Node[] inSyncReplicas) {
        this(topic, partition, leader, replicas, inSyncReplicas, NO_NODES);
    }

    public PartitionInfo(String topic, int partition, Node leader, Node[] replicas, Node[] inSyncReplicas,
                         Node[] offlineReplicas) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.partition = partition;
        this.leader = leader;
        this.replicas = replicas == null ? NO_NODES : replicas;
        this.inSyncReplicas = inSyncReplicas == null ? NO_NODES : inSyncReplicas;
        this.offlineReplicas = offlineReplicas == null ? NO_NODES : offlineReplicas;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public Node leader() {
        return leader;
    }

    public Node[] replicas() {
        return replicas;
    }

    public Node[] inSyncReplicas() {
        return inSyncReplicas;
    }

    public Node[] offlineReplicas() {
        return offlineReplicas;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PartitionInfo)) {
            return false;
        }
        PartitionInfo p = (PartitionInfo) o;
        return partition == p.partition && topic.equals(p.topic) && Objects.equals(leader, p.leader)
                && Arrays.equals(replicas, p.replicas) && Arrays.equals(inSyncReplicas, p.inSyncReplicas)
                && Arrays.equals(offlineReplicas, p.offlineReplicas);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, leader) * 31 + Arrays.hashCode(replicas);
    }

    @Override
    public String toString() {
        return "Partition(topic = " + topic + ", partition = " + partition + ", leader = "
                + (leader == null ? "none" : leader.idString()) + ", replicas = " + ids(replicas)
                + ", isr = " + ids(inSyncReplicas) + ", offlineReplicas = " + ids(offlineReplicas) + ")";
    }

    private static String ids(Node[] nodes) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < nodes.length; i++) {
            b.append(i == 0 ? "" : ",").append(nodes[i] == null ? "null" : nodes[i].idString());
        }
        return b.append(']').toString();
    }
}
