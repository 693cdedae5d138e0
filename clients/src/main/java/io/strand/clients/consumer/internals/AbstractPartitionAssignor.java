package io.strand.clients.consumer.internals;

import io.strand.clients.consumer.ConsumerPartitionAssignor;
import io.strand.common.Cluster;
import io.strand.common.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An assignor that needs only partition counts: it turns the cluster snapshot into
 * topic -> partition count for the subscribed topics and wraps the result in assignments.
 * Topics the metadata does not know are left out, as Apache's assignors do.
 */
public abstract class AbstractPartitionAssignor implements ConsumerPartitionAssignor {

    private static final Logger log = LoggerFactory.getLogger(AbstractPartitionAssignor.class);

    /**
     * @param partitionsPerTopic partition count of every subscribed topic the metadata knows
     * @param subscriptions      member id -> subscription
     * @return member id -> partitions, an entry (maybe empty) for every member
     */
    public abstract Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                             Map<String, Subscription> subscriptions);

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> subscriptions = groupSubscription.groupSubscription();
        Set<String> topics = new HashSet<>();
        for (Subscription s : subscriptions.values()) {
            topics.addAll(s.topics());
        }
        Map<String, Integer> partitionsPerTopic = new HashMap<>();
        for (String topic : topics) {
            Integer count = metadata.partitionCountForTopic(topic);
            if (count != null && count > 0) {
                partitionsPerTopic.put(topic, count);
            } else {
                log.debug("Skipping assignment for topic {}: no metadata for it", topic);
            }
        }
        Map<String, List<TopicPartition>> raw = assign(partitionsPerTopic, subscriptions);
        Map<String, Assignment> out = new HashMap<>();
        for (String member : subscriptions.keySet()) {
            out.put(member, new Assignment(raw.getOrDefault(member, new ArrayList<>())));
        }
        return new GroupAssignment(out);
    }

    /** Partitions 0..count-1 of a topic. */
    protected static List<TopicPartition> partitions(String topic, int count) {
        List<TopicPartition> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new TopicPartition(topic, i));
        }
        return out;
    }

    /**
     * A member as assignors order them: static members (by instance id) before dynamic ones (by
     * member id), so that a static member that restarts with a new member id keeps its place.
     */
    public static final class MemberInfo implements Comparable<MemberInfo> {
        public final String memberId;
        public final Optional<String> groupInstanceId;

        public MemberInfo(String memberId, Optional<String> groupInstanceId) {
            this.memberId = memberId;
            this.groupInstanceId = groupInstanceId;
        }

        @Override
        public int compareTo(MemberInfo other) {
            if (groupInstanceId.isPresent() && other.groupInstanceId.isPresent()) {
                return groupInstanceId.get().compareTo(other.groupInstanceId.get());
            } else if (groupInstanceId.isPresent()) {
                return -1;
            } else if (other.groupInstanceId.isPresent()) {
                return 1;
            }
            return memberId.compareTo(other.memberId);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MemberInfo && memberId.equals(((MemberInfo) o).memberId);
        }

        @Override
        public int hashCode() {
            return memberId.hashCode();
        }

        @Override
        public String toString() {
            return memberId + groupInstanceId.map(id -> "(" + id + ")").orElse("");
        }
    }
}
