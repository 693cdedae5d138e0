package io.strand.broker.internals;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.strand.broker.internals.cluster.ClusterState;
import io.strand.broker.internals.cluster.NodeDirectory;
import io.strand.broker.internals.faults.FaultInjector;
import io.strand.broker.internals.handlers.ApiVersionsHandler;
import io.strand.broker.internals.handlers.CreatePartitionsHandler;
import io.strand.broker.internals.handlers.CreateTopicsHandler;
import io.strand.broker.internals.handlers.DeleteTopicsHandler;
import io.strand.broker.internals.handlers.DescribeClusterHandler;
import io.strand.broker.internals.handlers.DescribeConfigsHandler;
import io.strand.broker.internals.handlers.FindCoordinatorHandler;
import io.strand.broker.internals.handlers.MetadataHandler;
import io.strand.broker.internals.handlers.ProduceHandler;
import io.strand.broker.internals.handlers.FetchHandler;
import io.strand.broker.internals.handlers.ListOffsetsHandler;
import io.strand.broker.internals.handlers.DeleteRecordsHandler;
import io.strand.broker.internals.handlers.OffsetForLeaderEpochHandler;
import io.strand.broker.internals.handlers.InitProducerIdHandler;
import io.strand.broker.internals.data.PartitionAccess;
import io.strand.broker.internals.data.PartitionRegistry;
import io.strand.broker.internals.log.LogManager;
import io.strand.broker.internals.cluster.ClusterListener;
import io.strand.broker.internals.cluster.MetadataStore;
import io.strand.broker.internals.cluster.TopicState;
import io.strand.broker.internals.data.ProducerIdAllocator;
import io.strand.broker.internals.group.GroupConfig;
import io.strand.broker.internals.group.GroupCoordinator;
import io.strand.broker.internals.group.OnDemandGroupCoordinator;
import io.strand.broker.internals.log.LogConfig;
import java.nio.file.Path;
import java.util.Properties;
import io.strand.broker.internals.network.NodeServer;
import io.strand.broker.internals.network.RequestDispatcher;
import io.strand.common.protocol.ApiKeys;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's parts wired together: event loops, one {@link NodeServer} per node, the cluster
 * metadata, storage, and a handler per API. {@code io.strand.broker.StubBroker} is its public face.
 */
public final class Broker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Broker.class);
    private static final String CLUSTER_ID = "cluster.id";
    private static final String PRODUCER_ID_LIMIT = "producer.id.limit";

    private final BrokerConfig config;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final ScheduledExecutorService scheduler;
    private final List<NodeServer> servers = new ArrayList<>();
    private final ClusterState cluster;
    private final FaultInjector faults = new FaultInjector();
    private final PartitionRegistry partitions;
    private final OnDemandGroupCoordinator groups;
    private ProducerIdAllocator producerIds;

    public Broker(BrokerConfig config) {
        long start = System.nanoTime();
        this.config = config;
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("strand-broker-accept", true),
            NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
            new DefaultThreadFactory("strand-broker-io", true), NioIoHandler.newFactory());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strand-broker-scheduler");
            t.setDaemon(true);
            return t;
        });
        try {
            Path dataDir = config.dataDir();
            MetadataStore store = dataDir == null ? null : new MetadataStore(dataDir);
            Properties saved = store == null ? new Properties() : store.loadCluster();
            String clusterId = config.clusterId() != null ? config.clusterId()
                : saved.getProperty(CLUSTER_ID, RandomIds.uuid().toString());
            this.cluster = new ClusterState(clusterId, new Nodes(), config.defaultPartitions(),
                config.defaultReplicationFactor());
            this.partitions = new PartitionRegistry(dataDir == null ? LogManager.inMemory()
                : LogManager.onDisk(dataDir, LogConfig.DEFAULT.withFlushEveryAppend(config.flushEveryAppend())));
            long firstProducerId = 0;
            if (store != null) {
                store.loadTopics(cluster);
                firstProducerId = Math.max(partitions.recover(cluster) + 1,
                    Long.parseLong(saved.getProperty(PRODUCER_ID_LIMIT, "0")));
                saved.setProperty(CLUSTER_ID, clusterId);
                store.saveCluster(saved);
                cluster.addListener(store);
                this.producerIds = new ProducerIdAllocator(firstProducerId, limit -> {
                    saved.setProperty(PRODUCER_ID_LIMIT, Long.toString(limit));
                    store.saveCluster(saved);
                });
            } else {
                this.producerIds = new ProducerIdAllocator(firstProducerId, null);
            }
            cluster.addListener(partitions);
            Supplier<GroupCoordinator> coordinator = () -> new GroupCoordinator(GroupConfig.defaults(), scheduler,
                topic -> {
                    TopicState t = cluster.topic(topic);
                    return t == null ? -1 : t.partitionCount();
                }, cluster::coordinatorFor, dataDir);
            this.groups = dataDir == null ? OnDemandGroupCoordinator.lazy(coordinator)
                : OnDemandGroupCoordinator.eager(coordinator);
            cluster.addListener(new ClusterListener() {
                @Override
                public void topicCreated(TopicState topic) {
                }

                @Override
                public void topicDeleted(TopicState topic) {
                    groups.onTopicDeleted(topic.name());
                }

                @Override
                public void topicChanged(TopicState topic) {
                }
            });
            Map<ApiKeys, ApiHandler> handlers = handlers();
            ApiVersionsHandler apiVersions = new ApiVersionsHandler(handlers.keySet());
            handlers.put(ApiKeys.API_VERSIONS, apiVersions);
            RequestDispatcher dispatcher = new RequestDispatcher(handlers, faults, scheduler, apiVersions::supported);
            for (int i = 0; i < config.nodeCount(); i++) {
                servers.add(new NodeServer(i, config.host(), config.ports().get(i), acceptor, workers, dispatcher,
                    config.maxFrameBytes()));
            }
            for (NodeServer s : servers) {
                s.start();
            }
            cluster.electLeaders();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("Strand broker-stub ready in {} ms: {} (cluster {})", (System.nanoTime() - start) / 1_000_000,
            bootstrapServers(), cluster.clusterId());
    }

    private Map<ApiKeys, ApiHandler> handlers() {
        Map<ApiKeys, ApiHandler> h = new EnumMap<>(ApiKeys.class);
        h.put(ApiKeys.METADATA, new MetadataHandler(cluster, config.autoCreateTopics()));
        h.put(ApiKeys.CREATE_TOPICS, new CreateTopicsHandler(cluster));
        h.put(ApiKeys.DELETE_TOPICS, new DeleteTopicsHandler(cluster));
        h.put(ApiKeys.CREATE_PARTITIONS, new CreatePartitionsHandler(cluster));
        h.put(ApiKeys.DESCRIBE_CLUSTER, new DescribeClusterHandler(cluster));
        h.put(ApiKeys.FIND_COORDINATOR, new FindCoordinatorHandler(cluster));
        h.put(ApiKeys.DESCRIBE_CONFIGS, new DescribeConfigsHandler(cluster, config));
        PartitionAccess access = new PartitionAccess(cluster, partitions, faults);
        h.put(ApiKeys.PRODUCE, new ProduceHandler(access));
        h.put(ApiKeys.FETCH, new FetchHandler(access, scheduler));
        h.put(ApiKeys.LIST_OFFSETS, new ListOffsetsHandler(access));
        h.put(ApiKeys.DELETE_RECORDS, new DeleteRecordsHandler(access));
        h.put(ApiKeys.OFFSET_FOR_LEADER_EPOCH, new OffsetForLeaderEpochHandler(access));
        h.put(ApiKeys.INIT_PRODUCER_ID, new InitProducerIdHandler(producerIds::next));
        h.putAll(groups.handlers());
        return h;
    }

    public BrokerConfig config() {
        return config;
    }

    public ClusterState cluster() {
        return cluster;
    }

    public FaultInjector faults() {
        return faults;
    }

    public List<NodeServer> servers() {
        return servers;
    }

    public NodeServer server(int nodeId) {
        if (nodeId < 0 || nodeId >= servers.size()) {
            throw new IllegalArgumentException("No node " + nodeId + "; nodes are 0 to " + (servers.size() - 1));
        }
        return servers.get(nodeId);
    }

    /** host:port of every running node, comma-separated. */
    public String bootstrapServers() {
        StringBuilder sb = new StringBuilder();
        for (NodeServer s : servers) {
            if (s.isRunning()) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(s.host()).append(':').append(s.port());
            }
        }
        return sb.toString();
    }

    public void stopNode(int nodeId) {
        server(nodeId).stop();
        cluster.nodeStopped(nodeId);
        log.info("Node {} stopped", nodeId);
    }

    public void restartNode(int nodeId) {
        NodeServer s = server(nodeId);
        s.start();
        cluster.electLeaders();
        log.info("Node {} listening again on {}:{}", nodeId, s.host(), s.port());
    }

    @Override
    public void close() {
        for (NodeServer s : servers) {
            try {
                s.stop();
            } catch (RuntimeException e) {
                log.warn("Stopping node {} failed", s.nodeId(), e);
            }
        }
        if (groups != null) {
            groups.close();
        }
        scheduler.shutdownNow();
        if (partitions != null) {
            partitions.close();
        }
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The nodes as the cluster metadata sees them: every server, live while it listens. */
    private final class Nodes implements NodeDirectory {
        private final List<Integer> ids;

        Nodes() {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < config.nodeCount(); i++) {
                all.add(i);
            }
            ids = List.copyOf(all);
        }

        @Override
        public List<Integer> nodeIds() {
            return ids;
        }

        @Override
        public List<Integer> liveNodeIds() {
            List<Integer> live = new ArrayList<>(ids.size());
            for (int id : ids) {
                if (isLive(id)) {
                    live.add(id);
                }
            }
            return live;
        }

        @Override
        public boolean isLive(int nodeId) {
            return nodeId >= 0 && nodeId < servers.size() && servers.get(nodeId).isRunning();
        }

        @Override
        public String host(int nodeId) {
            return servers.get(nodeId).host();
        }

        @Override
        public int port(int nodeId) {
            return servers.get(nodeId).port();
        }
    }
}
