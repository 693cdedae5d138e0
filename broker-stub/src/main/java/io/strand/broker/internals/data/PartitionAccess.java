package io.strand.broker.internals.data;

import io.strand.broker.internals.RequestContext;
import io.strand.broker.internals.cluster.ClusterState;
import io.strand.broker.internals.cluster.PartitionState;
import io.strand.broker.internals.cluster.TopicState;
import io.strand.broker.internals.faults.FaultInjector;
import io.strand.common.protocol.Errors;

/**
 * The gate every partition-level request passes: the topic and partition exist, this node leads
 * it, the client's leader epoch is current, and no injected fault answers for it first.
 */
public final class PartitionAccess {

    /** A partition a request may use ({@code error} NONE), or why not. */
    public record Resolved(Errors error, TopicState topic, PartitionState state, Partition data) {
        public boolean ok() {
            return error == Errors.NONE;
        }

        public int leaderEpoch() {
            return state.leaderEpoch();
        }
    }

    private final ClusterState cluster;
    private final PartitionRegistry registry;
    private final FaultInjector faults;

    public PartitionAccess(ClusterState cluster, PartitionRegistry registry, FaultInjector faults) {
        this.cluster = cluster;
        this.registry = registry;
        this.faults = faults;
    }

    public ClusterState cluster() {
        return cluster;
    }

    /**
     * @param topic              the topic, or null when the request named an unknown one
     * @param currentLeaderEpoch the epoch the client believes current, or -1 to skip the check
     */
    public Resolved resolve(RequestContext context, TopicState topic, int partition, int currentLeaderEpoch) {
        if (topic == null) {
            return new Resolved(Errors.UNKNOWN_TOPIC_OR_PARTITION, null, null, null);
        }
        PartitionState state = topic.partition(partition);
        if (state == null) {
            return new Resolved(Errors.UNKNOWN_TOPIC_OR_PARTITION, topic, null, null);
        }
        Errors injected = faults.onPartition(context.nodeId(), context.api(), state.topicPartition());
        if (injected != null) {
            return new Resolved(injected, topic, state, null);
        }
        PartitionState.Leadership l = state.leadership();
        if (l.leader() != context.nodeId()) {
            return new Resolved(Errors.NOT_LEADER_OR_FOLLOWER, topic, state, null);
        }
        if (currentLeaderEpoch >= 0 && currentLeaderEpoch != l.epoch()) {
            return new Resolved(currentLeaderEpoch < l.epoch() ? Errors.FENCED_LEADER_EPOCH : Errors.UNKNOWN_LEADER_EPOCH,
                topic, state, null);
        }
        Partition data = registry.get(cluster, topic, state.topicPartition());
        return data == null ? new Resolved(Errors.UNKNOWN_TOPIC_OR_PARTITION, topic, null, null)
            : new Resolved(Errors.NONE, topic, state, data);
    }

    public Resolved resolve(RequestContext context, String topic, int partition, int currentLeaderEpoch) {
        return resolve(context, cluster.topic(topic), partition, currentLeaderEpoch);
    }
}
