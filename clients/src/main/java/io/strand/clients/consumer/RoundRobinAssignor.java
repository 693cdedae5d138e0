package io.strand.clients.consumer;

import io.strand.clients.consumer.internals.AbstractPartitionAssignor;
import io.strand.common.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deals all partitions of all subscribed topics (by topic name, then partition number) to the
 * members in turn (in member order), skipping a member for a partition of a topic it does not
 * subscribe to. With equal subscriptions, member counts differ by at most one.
 * Protocol name "roundrobin".
 */
public class RoundRobinAssignor extends AbstractPartitionAssignor {

    public static final String ROUNDROBIN_ASSIGNOR_NAME = "roundrobin";

    @Override
    public String name() {
        return ROUNDROBIN_ASSIGNOR_NAME;
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                    Map<String, Subscription> subscriptions) {
        Map<String, List<TopicPartition>> assignment = new HashMap<>();
        List<MemberInfo> members = new ArrayList<>();
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            assignment.put(e.getKey(), new ArrayList<>());
            members.add(new MemberInfo(e.getKey(), e.getValue().groupInstanceId()));
        }
        if (members.isEmpty()) {
            return assignment;
        }
        members.sort(null);
        // Every topic at least one member subscribes to, sorted.
        TreeMap<String, Integer> topics = new TreeMap<>();
        for (Subscription s : subscriptions.values()) {
            for (String t : s.topics()) {
                Integer count = partitionsPerTopic.get(t);
                if (count != null) {
                    topics.put(t, count);
                }
            }
        }
        int next = 0;
        for (Map.Entry<String, Integer> topic : topics.entrySet()) {
            for (int p = 0; p < topic.getValue(); p++) {
                // Someone subscribes to this topic, so this finds a member within one lap.
                while (!subscriptions.get(members.get(next).memberId).topics().contains(topic.getKey())) {
                    next = (next + 1) % members.size();
                }
                assignment.get(members.get(next).memberId).add(new TopicPartition(topic.getKey(), p));
                next = (next + 1) % members.size();
            }
        }
        return assignment;
    }
}
