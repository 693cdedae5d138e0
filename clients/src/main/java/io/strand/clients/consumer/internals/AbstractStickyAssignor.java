package io.strand.clients.consumer.internals;

import io.strand.common.TopicPartition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part the sticky and cooperative-sticky assignors share: read each member's previous
 * partitions and generation (from where each variant keeps them), compute a balanced assignment
 * that moves as few partitions as possible, and let the variant adjust it.
 */
public abstract class AbstractStickyAssignor extends AbstractPartitionAssignor {

    public static final int DEFAULT_GENERATION = -1;

    /** What a member owned, as the variant reads it from its subscription. */
    public static final class MemberData {
        public final List<TopicPartition> partitions;
        public final Optional<Integer> generation;

        public MemberData(List<TopicPartition> partitions, Optional<Integer> generation) {
            this.partitions = partitions;
            this.generation = generation;
        }
    }

    protected abstract MemberData memberData(Subscription subscription);

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                    Map<String, Subscription> subscriptions) {
        Map<String, List<String>> topics = new HashMap<>();
        Map<String, StickyAssignment.Claim> claims = new HashMap<>();
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            topics.put(e.getKey(), e.getValue().topics());
            MemberData data = memberData(e.getValue());
            claims.put(e.getKey(), new StickyAssignment.Claim(data.partitions,
                data.generation.orElse(DEFAULT_GENERATION)));
        }
        StickyAssignment computation = new StickyAssignment(partitionsPerTopic, topics, claims);
        Map<String, List<TopicPartition>> assignment = computation.compute();
        if (withholdsMovingPartitions()) {
            // Cooperative rebalancing: a partition moving to another member is first only
            // revoked from its owner; the follow-up rebalance the owner triggers hands it on.
            for (Map.Entry<String, List<TopicPartition>> e : assignment.entrySet()) {
                e.getValue().removeIf(tp -> {
                    List<String> claimants = computation.claimants(tp);
                    return !claimants.isEmpty() && !claimants.contains(e.getKey());
                });
            }
        }
        return assignment;
    }

    /** True for cooperative rebalancing: no partition goes to a new member while another may still hold it. */
    protected boolean withholdsMovingPartitions() {
        return false;
    }
}
