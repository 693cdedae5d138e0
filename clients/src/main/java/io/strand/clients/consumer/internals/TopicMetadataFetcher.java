package io.strand.clients.consumer.internals;

import io.strand.clients.internals.metadata.Metadata;
import io.strand.clients.internals.network.ClientResponse;
import io.strand.clients.internals.network.RequestBuilder;
import io.strand.common.Node;
import io.strand.common.PartitionInfo;
import io.strand.common.errors.InvalidTopicException;
import io.strand.common.errors.TimeoutException;
import io.strand.common.errors.TopicAuthorizationException;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-off Metadata requests for {@code partitionsFor} and {@code listTopics}: they ask about topics
 * the consumer does not follow, so they leave the consumer's own metadata (and its topics of
 * interest) alone.
 */
public final class TopicMetadataFetcher {

    private static final Logger log = LoggerFactory.getLogger(TopicMetadataFetcher.class);

    private final Metadata metadata;
    private final ConsumerNetworkClient network;
    private final long retryBackoffMs;
    private final long requestTimeoutMs;
    private final boolean allowAutoTopicCreation;
    private final boolean excludeInternalTopics;

    public TopicMetadataFetcher(Metadata metadata, ConsumerNetworkClient network, long retryBackoffMs,
                                long requestTimeoutMs, boolean allowAutoTopicCreation, boolean excludeInternalTopics) {
        this.metadata = metadata;
        this.network = network;
        this.retryBackoffMs = retryBackoffMs;
        this.requestTimeoutMs = requestTimeoutMs;
        this.allowAutoTopicCreation = allowAutoTopicCreation;
        this.excludeInternalTopics = excludeInternalTopics;
    }

    /**
     * The partitions of a topic: empty if the topic does not exist.
     *
     * @throws TopicAuthorizationException if the broker denies access to it
     * @throws TimeoutException            if no broker answers in time
     */
    public List<PartitionInfo> partitionsFor(String topic, long deadlineMs, long timeoutMs) {
        Map<String, List<PartitionInfo>> all = fetch(List.of(topic), deadlineMs, timeoutMs);
        return all.getOrDefault(topic, new ArrayList<>());
    }

    /** Every topic the brokers report (internal ones left out unless exclude.internal.topics=false). */
    public Map<String, List<PartitionInfo>> listTopics(long deadlineMs, long timeoutMs) {
        return fetch(null, deadlineMs, timeoutMs);
    }

    private Map<String, List<PartitionInfo>> fetch(List<String> topics, long deadlineMs, long timeoutMs) {
        return network.call(new BlockingCall<Map<String, List<PartitionInfo>>>() {
            @Override
            public CompletableFuture<ClientResponse> send() {
                Node node = network.client().leastLoadedNode(metadata.fetch());
                return node == null ? null : network.send(node, ApiKeys.METADATA, builder(topics), requestTimeoutMs);
            }

            @Override
            public Attempt<Map<String, List<PartitionInfo>>> handle(CompletableFuture<ClientResponse> finished) {
                try {
                    Map<String, List<PartitionInfo>> out = parse(finished.join(), topics);
                    return out == null ? Attempt.retry(null) : Attempt.done(out);
                } catch (TopicAuthorizationException | InvalidTopicException e) {
                    return Attempt.fail(e);
                } catch (RuntimeException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
                    log.debug("Metadata request failed: {}", cause.toString());
                    return Attempt.retry(cause);
                }
            }

            @Override
            public RuntimeException timeout(RuntimeException last) {
                return new TimeoutException("Timeout expired while fetching topic metadata"
                    + (topics == null ? "" : " for " + topics) + " within " + timeoutMs + "ms"
                    + (last == null ? "" : " (last error: " + last + ")"));
            }
        }, deadlineMs, retryBackoffMs);
    }

    private RequestBuilder builder(List<String> topics) {
        boolean autoCreate = allowAutoTopicCreation && topics != null;
        // Explicitly not creating topics needs v4; asking for all topics with null needs v1.
        short oldest = (short) (autoCreate ? 1 : 4);
        return RequestBuilder.ofVersions(oldest, ApiKeys.METADATA.latestVersion(), version -> {
            Struct req = io.strand.common.message.Metadata.DEFINITION.newRequest();
            if (topics == null) {
                req.set(io.strand.common.message.Metadata.Request.TOPICS, null);
            } else {
                List<Struct> list = new ArrayList<>();
                for (String t : topics) {
                    list.add(io.strand.common.message.Metadata.Request.Topic.SCHEMA.newStruct()
                        .set(io.strand.common.message.Metadata.Request.Topic.NAME, t));
                }
                req.set(io.strand.common.message.Metadata.Request.TOPICS, list);
            }
            if (version >= 4) {
                req.set(io.strand.common.message.Metadata.Request.ALLOW_AUTO_TOPIC_CREATION, autoCreate);
            }
            return req;
        });
    }

    /** The topics by name; null if a topic's leader is not elected yet (ask again). */
    private Map<String, List<PartitionInfo>> parse(ClientResponse response, List<String> asked) {
        Struct body = response.body();
        Map<Integer, Node> nodes = new HashMap<>();
        for (Struct b : body.get(io.strand.common.message.Metadata.Response.BROKERS)) {
            int id = b.getInt(io.strand.common.message.Metadata.Response.Broker.NODE_ID);
            nodes.put(id, new Node(id, b.get(io.strand.common.message.Metadata.Response.Broker.HOST),
                b.getInt(io.strand.common.message.Metadata.Response.Broker.PORT),
                b.get(io.strand.common.message.Metadata.Response.Broker.RACK)));
        }
        Map<String, List<PartitionInfo>> out = new HashMap<>();
        for (Struct t : body.get(io.strand.common.message.Metadata.Response.TOPICS)) {
            String name = t.get(io.strand.common.message.Metadata.Response.Topic.NAME);
            Errors error = Errors.forCode(t.getShort(io.strand.common.message.Metadata.Response.Topic.ERROR_CODE));
            boolean internal = t.getBoolean(io.strand.common.message.Metadata.Response.Topic.IS_INTERNAL);
            if (asked == null && internal && excludeInternalTopics) {
                continue;
            }
            switch (error) {
                case NONE:
                    break;
                case UNKNOWN_TOPIC_OR_PARTITION:
                    continue;
                case TOPIC_AUTHORIZATION_FAILED:
                    throw new TopicAuthorizationException("Not authorized to access topic " + name);
                case INVALID_TOPIC_EXCEPTION:
                    throw new InvalidTopicException("Invalid topic name: " + name);
                case LEADER_NOT_AVAILABLE:
                    if (asked != null) {
                        return null;
                    }
                    continue;
                default:
                    log.debug("Metadata for topic {} answered {}", name, error);
                    if (asked != null) {
                        return null;
                    }
                    continue;
            }
            List<PartitionInfo> partitions = new ArrayList<>();
            for (Struct p : t.get(io.strand.common.message.Metadata.Response.Topic.PARTITIONS)) {
                partitions.add(new PartitionInfo(name, p.getInt(io.strand.common.message.Metadata.Response.Partition.PARTITION_INDEX),
                    nodes.get(p.getInt(io.strand.common.message.Metadata.Response.Partition.LEADER_ID)),
                    toNodes(p.get(io.strand.common.message.Metadata.Response.Partition.REPLICA_NODES), nodes),
                    toNodes(p.get(io.strand.common.message.Metadata.Response.Partition.ISR_NODES), nodes),
                    toNodes(p.get(io.strand.common.message.Metadata.Response.Partition.OFFLINE_REPLICAS), nodes)));
            }
            partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
            out.put(name, partitions);
        }
        return out;
    }

    /** The nodes of these ids; a replica on a broker the response does not list keeps its id only. */
    private static Node[] toNodes(List<Integer> ids, Map<Integer, Node> nodes) {
        return ids == null ? new Node[0]
            : ids.stream().map(id -> nodes.getOrDefault(id, new Node(id, "", -1))).toArray(Node[]::new);
    }
}
