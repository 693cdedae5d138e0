package io.strand.broker.internals.cluster;

import io.strand.broker.internals.RandomIds;
import io.strand.common.TopicPartition;
import io.strand.common.Uuid;
import io.strand.common.errors.InvalidPartitionsException;
import io.strand.common.errors.InvalidReplicaAssignmentException;
import io.strand.common.errors.InvalidReplicationFactorException;
import io.strand.common.errors.InvalidTopicException;
import io.strand.common.errors.TopicExistsException;
import io.strand.common.errors.UnknownTopicOrPartitionException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The cluster's metadata: nodes, topics, partitions and their leaders. Lookups are lock-free
 * (request threads read concurrent maps and volatile fields); changes (topics created and
 * deleted, partitions added, leaders moved, nodes stopped) are rare and serialised on this object.
 */
public final class ClusterState {

    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final int MAX_TOPIC_LENGTH = 249;
    /** Kafka hashes group ids over the partitions of __consumer_offsets; the same count keeps the spread alike. */
    private static final int OFFSETS_PARTITIONS = 50;

    private final String clusterId;
    private final NodeDirectory nodes;
    private final int defaultPartitions;
    private final int defaultReplicationFactor;
    private final Map<String, TopicState> byName = new ConcurrentHashMap<>();
    private final Map<Uuid, TopicState> byId = new ConcurrentHashMap<>();
    private final List<ClusterListener> listeners = new ArrayList<>();

    public ClusterState(String clusterId, NodeDirectory nodes, int defaultPartitions, int defaultReplicationFactor) {
        this.clusterId = clusterId;
        this.nodes = nodes;
        this.defaultPartitions = defaultPartitions;
        this.defaultReplicationFactor = Math.min(defaultReplicationFactor, nodes.nodeIds().size());
    }

    public synchronized void addListener(ClusterListener listener) {
        listeners.add(listener);
    }

    public String clusterId() {
        return clusterId;
    }

    public NodeDirectory nodes() {
        return nodes;
    }

    public int defaultPartitions() {
        return defaultPartitions;
    }

    public int defaultReplicationFactor() {
        return defaultReplicationFactor;
    }

    public TopicState topic(String name) {
        return name == null ? null : byName.get(name);
    }

    public TopicState topic(Uuid id) {
        return id == null ? null : byId.get(id);
    }

    public Collection<TopicState> topics() {
        return byName.values();
    }

    /** The partition, or null when the topic or the index is unknown. */
    public PartitionState partition(TopicPartition tp) {
        TopicState t = byName.get(tp.topic());
        return t == null ? null : t.partition(tp.partition());
    }

    // ---- topics ---------------------------------------------------------------------------------

    /**
     * Creates a topic. {@code partitions} and {@code replicationFactor} of -1 take the defaults;
     * {@code assignment}, when not null, lists each partition's replicas (the first leads).
     */
    public synchronized TopicState createTopic(String name, int partitions, int replicationFactor,
                                               List<int[]> assignment, TopicConfig config, boolean validateOnly) {
        validateName(name);
        if (byName.containsKey(name)) {
            throw new TopicExistsException("Topic '" + name + "' already exists.");
        }
        List<int[]> replicas;
        if (assignment != null && !assignment.isEmpty()) {
            if (partitions != -1 || replicationFactor != -1) {
                throw new io.strand.common.errors.InvalidRequestException(
                    "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.");
            }
            for (int[] r : assignment) {
                checkAssignment(r, assignment.get(0).length);
            }
            replicas = assignment;
        } else {
            int count = partitions == -1 ? defaultPartitions : partitions;
            int rf = replicationFactor == -1 ? defaultReplicationFactor : replicationFactor;
            if (count <= 0) {
                throw new InvalidPartitionsException("Number of partitions was set to an invalid non-positive value.");
            }
            if (rf <= 0) {
                throw new InvalidReplicationFactorException("Replication factor must be larger than 0, or -1 to use the default value.");
            }
            if (rf > nodes.nodeIds().size()) {
                throw new InvalidReplicationFactorException("Unable to replicate the partition " + rf
                    + " time(s): The target replication factor of " + rf + " cannot be reached because only "
                    + nodes.nodeIds().size() + " broker(s) are registered.");
            }
            replicas = spread(name, 0, count, rf);
        }
        if (validateOnly) {
            return null;
        }
        List<PartitionState> parts = new ArrayList<>(replicas.size());
        for (int p = 0; p < replicas.size(); p++) {
            int[] r = replicas.get(p);
            parts.add(new PartitionState(new TopicPartition(name, p), r, firstLive(r), 0));
        }
        TopicState topic = new TopicState(name, RandomIds.uuid(), config, parts);
        register(topic);
        listeners.forEach(l -> l.topicCreated(topic));
        return topic;
    }

    /** Brings back a topic as it was persisted; no listener hears of it. */
    public synchronized void restore(String name, Uuid id, TopicConfig config, List<PartitionState> partitions) {
        register(new TopicState(name, id, config, partitions));
    }

    private void register(TopicState topic) {
        byName.put(topic.name(), topic);
        byId.put(topic.id(), topic);
    }

    public synchronized TopicState deleteTopic(String name) {
        TopicState t = byName.remove(name);
        if (t == null) {
            throw new UnknownTopicOrPartitionException("Topic '" + name + "' does not exist.");
        }
        byId.remove(t.id());
        listeners.forEach(l -> l.topicDeleted(t));
        return t;
    }

    /** Grows a topic to {@code total} partitions; {@code assignment} places the new ones, or is null. */
    public synchronized void createPartitions(String name, int total, List<int[]> assignment, boolean validateOnly) {
        TopicState t = byName.get(name);
        if (t == null) {
            throw new UnknownTopicOrPartitionException("The topic '" + name + "' does not exist.");
        }
        int current = t.partitionCount();
        if (total < current) {
            throw new InvalidPartitionsException("Topic currently has " + current + " partitions, which is higher than the requested " + total + ".");
        }
        if (total == current) {
            throw new InvalidPartitionsException("Topic already has " + current + " partitions.");
        }
        int rf = t.partition(0).replicas().length;
        List<int[]> added;
        if (assignment != null) {
            if (assignment.size() != total - current) {
                throw new InvalidReplicaAssignmentException("Increasing the number of partitions by " + (total - current)
                    + " but " + assignment.size() + " assignments provided.");
            }
            for (int[] r : assignment) {
                checkAssignment(r, rf);
            }
            added = assignment;
        } else {
            added = spread(name, current, total - current, rf);
        }
        if (validateOnly) {
            return;
        }
        List<PartitionState> grown = new ArrayList<>(t.partitions());
        for (int i = 0; i < added.size(); i++) {
            int[] r = added.get(i);
            grown.add(new PartitionState(new TopicPartition(name, current + i), r, firstLive(r), 0));
        }
        t.setPartitions(grown);
        listeners.forEach(l -> l.topicChanged(t));
    }

    private void checkAssignment(int[] replicas, int expectedLength) {
        if (replicas.length == 0) {
            throw new InvalidReplicaAssignmentException("The manual partition assignment includes a partition with no replicas.");
        }
        if (replicas.length != expectedLength) {
            throw new InvalidReplicaAssignmentException("The manual partition assignment includes partitions with different replication factors.");
        }
        for (int i = 0; i < replicas.length; i++) {
            if (!nodes.nodeIds().contains(replicas[i])) {
                throw new InvalidReplicaAssignmentException("The manual partition assignment includes broker "
                    + replicas[i] + ", but no such broker is registered.");
            }
            for (int j = 0; j < i; j++) {
                if (replicas[j] == replicas[i]) {
                    throw new InvalidReplicaAssignmentException("The manual partition assignment includes the broker "
                        + replicas[i] + " more than once.");
                }
            }
        }
    }

    /** Round-robin placement from a start that depends on the topic, so leaders spread over nodes. */
    private List<int[]> spread(String topic, int firstPartition, int count, int rf) {
        List<Integer> ids = nodes.nodeIds();
        int n = ids.size();
        int start = Math.floorMod(topic.hashCode(), n);
        List<int[]> out = new ArrayList<>(count);
        for (int p = firstPartition; p < firstPartition + count; p++) {
            int[] r = new int[rf];
            for (int k = 0; k < rf; k++) {
                r[k] = ids.get((start + p + k) % n);
            }
            out.add(r);
        }
        return out;
    }

    private int firstLive(int[] replicas) {
        for (int r : replicas) {
            if (nodes.isLive(r)) {
                return r;
            }
        }
        return -1;
    }

    public static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidTopicException("Topic name is illegal, it can't be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidTopicException("Topic name cannot be \".\" or \"..\"");
        }
        if (name.length() > MAX_TOPIC_LENGTH) {
            throw new InvalidTopicException("Topic name is illegal, it can't be longer than " + MAX_TOPIC_LENGTH
                + " characters, topic name: " + name);
        }
        if (!LEGAL_TOPIC.matcher(name).matches()) {
            throw new InvalidTopicException("Topic name \"" + name + "\" is illegal, it contains a character other "
                + "than ASCII alphanumerics, '.', '_' and '-'");
        }
    }

    // ---- leadership -----------------------------------------------------------------------------

    /** Makes {@code node} the leader of {@code tp} in a new epoch. */
    public synchronized void moveLeader(TopicPartition tp, int node) {
        PartitionState p = partition(tp);
        if (p == null) {
            throw new IllegalArgumentException("Unknown partition " + tp);
        }
        if (!nodes.nodeIds().contains(node)) {
            throw new IllegalArgumentException("Unknown node " + node + "; nodes are " + nodes.nodeIds());
        }
        p.setLeader(node);
        leadershipChanged(p);
    }

    /** A stopped node's partitions move to another live replica (or go offline) in a new epoch. */
    public synchronized void nodeStopped(int node) {
        for (TopicState t : byName.values()) {
            for (PartitionState p : t.partitions()) {
                if (p.leader() == node) {
                    p.setLeader(firstLive(p.replicas()));
                    leadershipChanged(p);
                }
            }
        }
    }

    /**
     * Gives every partition without a live leader one: its first live replica, or, when none of
     * its replicas exists any more (a data directory reopened with fewer nodes), the first live
     * node. Runs at start and when a stopped node returns.
     */
    public synchronized void electLeaders() {
        List<Integer> live = nodes.liveNodeIds();
        for (TopicState t : byName.values()) {
            for (PartitionState p : t.partitions()) {
                if (nodes.isLive(p.leader())) {
                    continue;
                }
                int leader = firstLive(p.replicas());
                if (leader < 0 && !live.isEmpty() && !anyKnown(p.replicas())) {
                    leader = live.get(0);
                }
                if (leader != p.leader()) {
                    p.setLeader(leader);
                    leadershipChanged(p);
                }
            }
        }
    }

    private boolean anyKnown(int[] replicas) {
        for (int r : replicas) {
            if (nodes.nodeIds().contains(r)) {
                return true;
            }
        }
        return false;
    }

    private void leadershipChanged(PartitionState p) {
        TopicState t = byName.get(p.topicPartition().topic());
        if (t != null) {
            listeners.forEach(l -> l.topicChanged(t));
        }
    }

    // ---- coordinators ---------------------------------------------------------------------------

    /**
     * The node coordinating a group: a stable hash of its id, as Kafka maps it to a partition of
     * __consumer_offsets, over the live nodes; -1 when none is live.
     */
    public int coordinatorFor(String groupId) {
        List<Integer> live = nodes.liveNodeIds();
        if (live.isEmpty()) {
            return -1;
        }
        int slot = (groupId.hashCode() & 0x7fffffff) % OFFSETS_PARTITIONS;
        return live.get(slot % live.size());
    }

    /** The lowest live node id, which DescribeCluster and Metadata name as the controller. */
    public int controllerId() {
        List<Integer> live = nodes.liveNodeIds();
        return live.isEmpty() ? -1 : live.get(0);
    }
}
