package io.strand.clients.consumer;

import io.strand.clients.consumer.internals.AbstractPartitionAssignor;
import io.strand.common.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per topic, splits the partitions into contiguous ranges, one per subscribed member in member
 * order; the first {@code partitions % members} members get one extra. Members subscribed to
 * the same topics with the same partition counts therefore get the same partition numbers of
 * each topic, which is what joins over co-partitioned topics want. Protocol name "range".
 *
 * <p>Apache's range assignor also places partitions by rack when both members and replicas
 * carry racks ({@code client.rack}); this one does not yet, and assigns as if no racks were set.
 */
public class RangeAssignor extends AbstractPartitionAssignor {

    public static final String RANGE_ASSIGNOR_NAME = "range";

    @Override
    public String name() {
        return RANGE_ASSIGNOR_NAME;
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                    Map<String, Subscription> subscriptions) {
        Map<String, List<MemberInfo>> membersPerTopic = new HashMap<>();
        Map<String, List<TopicPartition>> assignment = new HashMap<>();
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            assignment.put(e.getKey(), new ArrayList<>());
            MemberInfo member = new MemberInfo(e.getKey(), e.getValue().groupInstanceId());
            for (String topic : e.getValue().topics()) {
                membersPerTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(member);
            }
        }
        for (Map.Entry<String, List<MemberInfo>> e : membersPerTopic.entrySet()) {
            Integer count = partitionsPerTopic.get(e.getKey());
            if (count == null) {
                continue;
            }
            List<MemberInfo> members = e.getValue();
            members.sort(null);
            int perMember = count / members.size();
            int withExtra = count % members.size();
            List<TopicPartition> all = partitions(e.getKey(), count);
            for (int i = 0; i < members.size(); i++) {
                int start = perMember * i + Math.min(i, withExtra);
                int length = perMember + (i < withExtra ? 1 : 0);
                assignment.get(members.get(i).memberId).addAll(all.subList(start, start + length));
            }
        }
        return assignment;
    }
}
