package io.strand.broker.internals.cluster;

import io.strand.common.TopicPartition;

/**
 * Where one partition lives: its replicas, its leader and the leader's epoch. Leadership changes
 * (a moved leader, a stopped node) replace the {@link Leadership} in one volatile write, so a
 * request thread reads a leader and its epoch that belong together without a lock.
 */
public final class PartitionState {

    /** A leader and the epoch it leads in; leader -1 when no replica is live. */
    public record Leadership(int leader, int epoch) {
    }

    private final TopicPartition tp;
    private final int[] replicas;
    private volatile Leadership leadership;

    public PartitionState(TopicPartition tp, int[] replicas, int leader, int epoch) {
        this.tp = tp;
        this.replicas = replicas.clone();
        this.leadership = new Leadership(leader, epoch);
    }

    public TopicPartition topicPartition() {
        return tp;
    }

    public int partition() {
        return tp.partition();
    }

    public int[] replicas() {
        return replicas.clone();
    }

    public Leadership leadership() {
        return leadership;
    }

    public int leader() {
        return leadership.leader();
    }

    public int leaderEpoch() {
        return leadership.epoch();
    }

    /** Hands leadership to {@code node} (or -1) in a new epoch; called under the cluster's lock. */
    void setLeader(int node) {
        leadership = new Leadership(node, leadership.epoch() + 1);
    }

    boolean hasReplica(int node) {
        for (int r : replicas) {
            if (r == node) {
                return true;
            }
        }
        return false;
    }
}
