package io.strand.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable snapshot of cluster metadata: nodes, partitions and their leaders, topic ids.
 * Partitioners see this; the client swaps in a new snapshot on each metadata refresh, so
 * everything is indexed once here rather than searched per record.
 */
public final class Cluster {

    private final String clusterId;
    private final List<Node> nodes;
    private final Set<String> unauthorizedTopics;
    private final Set<String> invalidTopics;
    private final Set<String> internalTopics;
    private final Node controller;
    private final Map<TopicPartition, PartitionInfo> partitionsByTopicPartition;
    private final Map<String, List<PartitionInfo>> partitionsByTopic;
    private final Map<String, List<PartitionInfo>> availablePartitionsByTopic;
    private final Map<Integer, List<PartitionInfo>> partitionsByNode;
    private final Map<Integer, Node> nodesById;
    private final Map<String, Uuid> topicIds;
    private final Map<Uuid, String> topicNames;

    public Cluster(String clusterId, Collection<Node> nodes, Collection<PartitionInfo> partitions,
                   Set<String> unauthorizedTopics, Set<String> internalTopics) {
        this(clusterId, nodes, partitions, unauthorizedTopics, Collections.emptySet(), internalTopics, null,
                Collections.emptyMap());
    }

    public Cluster(String clusterId, Collection<Node> nodes, Collection<PartitionInfo> partitions,
                   Set<String> unauthorizedTopics, Set<String> internalTopics, Node controller) {
        this(clusterId, nodes, partitions, unauthorizedTopics, Collections.emptySet(), internalTopics, controller,
                Collections.emptyMap());
    }

    public Cluster(String clusterId, Collection<Node> nodes, Collection<PartitionInfo> partitions,
                   Set<String> unauthorizedTopics, Set<String> invalidTopics, Set<String> internalTopics,
                   Node controller, Map<String, Uuid> topicIds) {
        this.clusterId = clusterId;
        this.nodes = List.copyOf(nodes);
        this.unauthorizedTopics = Set.copyOf(unauthorizedTopics);
        this.invalidTopics = Set.copyOf(invalidTopics);
        this.internalTopics = Set.copyOf(internalTopics);
        this.controller = controller;
        this.topicIds = Map.copyOf(topicIds);

        Map<Integer, Node> byId = new HashMap<>();
        for (Node n : this.nodes) {
            byId.put(n.id(), n);
        }
        this.nodesById = Collections.unmodifiableMap(byId);

        Map<TopicPartition, PartitionInfo> byTp = new HashMap<>();
        Map<String, List<PartitionInfo>> byTopic = new HashMap<>();
        Map<Integer, List<PartitionInfo>> byNode = new HashMap<>();
        for (PartitionInfo p : partitions) {
            byTp.put(new TopicPartition(p.topic(), p.partition()), p);
            byTopic.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(p);
            if (p.leader() != null) {
                byNode.computeIfAbsent(p.leader().id(), id -> new ArrayList<>()).add(p);
            }
        }
        Map<String, List<PartitionInfo>> available = new HashMap<>();
        for (Map.Entry<String, List<PartitionInfo>> e : byTopic.entrySet()) {
            List<PartitionInfo> all = e.getValue();
            all.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
            List<PartitionInfo> up = new ArrayList<>(all.size());
            for (PartitionInfo p : all) {
                if (p.leader() != null) {
                    up.add(p);
                }
            }
            e.setValue(Collections.unmodifiableList(all));
            available.put(e.getKey(), up.size() == all.size() ? e.getValue() : Collections.unmodifiableList(up));
        }
        byNode.replaceAll((k, v) -> Collections.unmodifiableList(v));
        Map<Uuid, String> names = new HashMap<>();
        this.topicIds.forEach((name, id) -> names.put(id, name));

        this.partitionsByTopicPartition = Collections.unmodifiableMap(byTp);
        this.partitionsByTopic = Collections.unmodifiableMap(byTopic);
        this.availablePartitionsByTopic = Collections.unmodifiableMap(available);
        this.partitionsByNode = Collections.unmodifiableMap(byNode);
        this.topicNames = Collections.unmodifiableMap(names);
    }

    public static Cluster empty() {
        return new Cluster(null, List.of(), List.of(), Set.of(), Set.of());
    }

    /** A cluster that knows only the bootstrap addresses, with made-up negative node ids. */
    public static Cluster bootstrap(List<java.net.InetSocketAddress> addresses) {
        List<Node> nodes = new ArrayList<>();
        int id = -1;
        for (java.net.InetSocketAddress a : addresses) {
            nodes.add(new Node(id--, a.getHostString(), a.getPort()));
        }
        return new Cluster(null, nodes, List.of(), Set.of(), Set.of());
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Node nodeById(int id) {
        return nodesById.get(id);
    }

    public Node leaderFor(TopicPartition tp) {
        PartitionInfo p = partitionsByTopicPartition.get(tp);
        return p == null ? null : p.leader();
    }

    public PartitionInfo partition(TopicPartition tp) {
        return partitionsByTopicPartition.get(tp);
    }

    public List<PartitionInfo> partitionsForTopic(String topic) {
        return partitionsByTopic.getOrDefault(topic, List.of());
    }

    public Integer partitionCountForTopic(String topic) {
        List<PartitionInfo> ps = partitionsByTopic.get(topic);
        return ps == null ? null : ps.size();
    }

    public List<PartitionInfo> availablePartitionsForTopic(String topic) {
        return availablePartitionsByTopic.getOrDefault(topic, List.of());
    }

    public List<PartitionInfo> partitionsForNode(int nodeId) {
        return partitionsByNode.getOrDefault(nodeId, List.of());
    }

    public Set<String> topics() {
        return partitionsByTopic.keySet();
    }

    public Set<String> unauthorizedTopics() {
        return unauthorizedTopics;
    }

    public Set<String> invalidTopics() {
        return invalidTopics;
    }

    public Set<String> internalTopics() {
        return internalTopics;
    }

    public Node controller() {
        return controller;
    }

    public String clusterId() {
        return clusterId;
    }

    public Uuid topicId(String topic) {
        return topicIds.getOrDefault(topic, Uuid.ZERO_UUID);
    }

    public String topicName(Uuid topicId) {
        return topicNames.get(topicId);
    }

    public Collection<Uuid> topicIds() {
        return topicIds.values();
    }

    @Override
    public String toString() {
        return "Cluster(id = " + clusterId + ", nodes = " + nodes + ", partitions = "
                + partitionsByTopicPartition.values() + ", controller = " + controller + ")";
    }
}
