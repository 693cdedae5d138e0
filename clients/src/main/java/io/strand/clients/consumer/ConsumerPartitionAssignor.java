package io.strand.clients.consumer;

import io.strand.common.Cluster;
import io.strand.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, on the group leader, which member reads which partitions in a classic consumer group.
 * Every member sends its {@link Subscription} (topics, the partitions it owns, and the assignor's
 * own user data); the leader's assignor turns them into one {@link Assignment} per member.
 * Mirrors Apache Kafka's {@code ConsumerPartitionAssignor}; the name is what goes on the wire, so
 * an assignor here and Apache's assignor of the same name work together in one group.
 */
public interface ConsumerPartitionAssignor {

    /** Extra bytes this member sends with its subscription; null for none. */
    default ByteBuffer subscriptionUserData(java.util.Set<String> topics) {
        return null;
    }

    /** On the leader: the assignment for every member, keyed by member id. */
    GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription);

    /** On every member, when its assignment arrives. */
    default void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
    }

    /** The rebalance protocols this assignor supports, preferred first. */
    default List<RebalanceProtocol> supportedProtocols() {
        return Collections.singletonList(RebalanceProtocol.EAGER);
    }

    /** The version of this assignor's user data. */
    default short version() {
        return (short) 0;
    }

    /** The protocol name the group agrees on, e.g. "range". */
    String name();

    /**
     * Creates the assignors named by class (Strand names, or Apache names for their Strand
     * equivalents), configuring those that are Configurable.
     *
     * @throws io.strand.common.config.ConfigException if a class cannot be found, naming it
     * @throws io.strand.common.KafkaException          if two assignors share a name, or a class is not an assignor
     */
    static List<ConsumerPartitionAssignor> getAssignorInstances(List<String> assignorClasses, Map<String, Object> configs) {
        String key = ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG;
        io.strand.common.config.ConfigDef def = new io.strand.common.config.ConfigDef()
            .define(key, io.strand.common.config.ConfigDef.Type.LIST, io.strand.common.config.ConfigDef.Importance.MEDIUM, "");
        Map<String, Object> all = new java.util.HashMap<>(configs);
        all.put(key, assignorClasses);
        List<ConsumerPartitionAssignor> assignors = new io.strand.common.config.AbstractConfig(def, all, false)
            .getConfiguredInstances(key, ConsumerPartitionAssignor.class);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ConsumerPartitionAssignor a : assignors) {
            if (!names.add(a.name())) {
                throw new io.strand.common.KafkaException("The assignor name: '" + a.name() + "' is used in more than one assignor.");
            }
        }
        return assignors;
    }

    /** One member's subscription as the leader sees it. */
    final class Subscription {
        public static final int DEFAULT_GENERATION = -1;

        private final List<String> topics;
        private final ByteBuffer userData;
        private final List<TopicPartition> ownedPartitions;
        private final Optional<String> rackId;
        private final Optional<Integer> generationId;
        private Optional<String> groupInstanceId = Optional.empty();

        public Subscription(List<String> topics, ByteBuffer userData, List<TopicPartition> ownedPartitions,
                            int generationId, Optional<String> rackId) {
            this.topics = topics;
            this.userData = userData;
            this.ownedPartitions = ownedPartitions;
            this.generationId = generationId == DEFAULT_GENERATION ? Optional.empty() : Optional.of(generationId);
            this.rackId = rackId;
        }

        public Subscription(List<String> topics, ByteBuffer userData, List<TopicPartition> ownedPartitions) {
            this(topics, userData, ownedPartitions, DEFAULT_GENERATION, Optional.empty());
        }

        public Subscription(List<String> topics, ByteBuffer userData) {
            this(topics, userData, Collections.emptyList());
        }

        public Subscription(List<String> topics) {
            this(topics, null);
        }

        public List<String> topics() {
            return topics;
        }

        public ByteBuffer userData() {
            return userData;
        }

        public List<TopicPartition> ownedPartitions() {
            return ownedPartitions;
        }

        public Optional<String> rackId() {
            return rackId;
        }

        public void setGroupInstanceId(Optional<String> groupInstanceId) {
            this.groupInstanceId = groupInstanceId;
        }

        public Optional<String> groupInstanceId() {
            return groupInstanceId;
        }

        public Optional<Integer> generationId() {
            return generationId;
        }

        @Override
        public String toString() {
            return "Subscription(topics=" + topics
                + (userData == null ? "" : ", userDataSize=" + userData.remaining())
                + ", ownedPartitions=" + ownedPartitions
                + ", groupInstanceId=" + groupInstanceId.orElse("null")
                + ", generationId=" + generationId.orElse(-1)
                + ", rackId=" + rackId.orElse("null") + ")";
        }
    }

    /** What one member is told to read, plus the assignor's user data. */
    final class Assignment {
        private final List<TopicPartition> partitions;
        private final ByteBuffer userData;

        public Assignment(List<TopicPartition> partitions, ByteBuffer userData) {
            this.partitions = partitions;
            this.userData = userData;
        }

        public Assignment(List<TopicPartition> partitions) {
            this(partitions, null);
        }

        public List<TopicPartition> partitions() {
            return partitions;
        }

        public ByteBuffer userData() {
            return userData;
        }

        @Override
        public String toString() {
            return "Assignment(partitions=" + partitions
                + (userData == null ? "" : ", userDataSize=" + userData.remaining()) + ")";
        }
    }

    /** Every member's subscription, keyed by member id. */
    final class GroupSubscription {
        private final Map<String, Subscription> subscriptions;

        public GroupSubscription(Map<String, Subscription> subscriptions) {
            this.subscriptions = subscriptions;
        }

        public Map<String, Subscription> groupSubscription() {
            return subscriptions;
        }

        @Override
        public String toString() {
            return "GroupSubscription(subscriptions=" + subscriptions + ")";
        }
    }

    /** Every member's assignment, keyed by member id. */
    final class GroupAssignment {
        private final Map<String, Assignment> assignments;

        public GroupAssignment(Map<String, Assignment> assignments) {
            this.assignments = assignments;
        }

        public Map<String, Assignment> groupAssignment() {
            return assignments;
        }

        @Override
        public String toString() {
            return "GroupAssignment(assignments=" + assignments + ")";
        }
    }

    /**
     * EAGER: every member gives up all its partitions before rejoining. COOPERATIVE: members keep
     * their partitions through the rebalance and give up only those that move (KIP-429).
     */
    enum RebalanceProtocol {
        EAGER((byte) 0), COOPERATIVE((byte) 1);

        private final byte id;

        RebalanceProtocol(byte id) {
            this.id = id;
        }

        public byte id() {
            return id;
        }

        public static RebalanceProtocol forId(byte id) {
            switch (id) {
                case 0:
                    return EAGER;
                case 1:
                    return COOPERATIVE;
                default:
                    throw new IllegalArgumentException("Unknown rebalance protocol id: " + id);
            }
        }
    }
}
