package io.strand.clients.internals.network;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.strand.common.Cluster;
import io.strand.common.KafkaException;
import io.strand.common.Node;
import io.strand.common.message.ApiDefinitions;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections to brokers, on Netty, with one network thread per client
 * ({@code strand-network-<clientId>}, a daemon).
 *
 * <p>{@link #send} may be called from any thread. It connects to the node if needed, which
 * starts with an ApiVersions handshake; the request waits until the handshake is done, is then
 * sent at the highest version Strand, the broker and the {@link RequestBuilder} all allow, and
 * its future completes with the decoded response on the network thread (so stages chained on
 * it must not block). Responses on a connection arrive in request order and are matched by
 * correlation id.
 *
 * <p>Failures. A request that gets no response within its timeout fails with a
 * {@link io.strand.common.errors.TimeoutException}; if it had been sent, its connection is
 * closed, as in Kafka. A connection that cannot be established fails what waits for it with a
 * {@link io.strand.common.errors.DisconnectException}; one that closes fails what is in flight
 * with a {@link io.strand.common.errors.NetworkException}. Both name the node and its address.
 *
 * <p>Reconnect backoff. After a failure, a node is not connected to again for
 * {@code reconnect.backoff.ms}, doubled per consecutive failure up to
 * {@code reconnect.backoff.max.ms}, with 20% jitter. A send to a node in backoff fails at once
 * with a (retriable) {@code DisconnectException} rather than waiting: as with Kafka's "node not
 * ready", the caller decides whether to retry later, pick another node
 * ({@link #leastLoadedNode}, which skips nodes in backoff), or give up. Callers that want to
 * avoid the failure check {@link #connectionDelayMs} first.
 */
public final class NetworkClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NetworkClient.class);

    static final String SOFTWARE_NAME = "strand-java";
    static final String SOFTWARE_VERSION = softwareVersion();

    private static final boolean[] ALIASES_FRAME = new boolean[128];

    static {
        for (ApiKeys api : ApiKeys.values()) {
            ALIASES_FRAME[api.id] = hasRecords(ApiDefinitions.of(api).responseSchema());
        }
    }

    private final NetworkConfig config;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final ConcurrentHashMap<Integer, NodeConnection> connections = new ConcurrentHashMap<>();
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private int correlationId;
    private volatile boolean closed;
    /** The one network thread, joined on close: Netty reports termination just before the thread ends. */
    private volatile Thread networkThread;

    public NetworkClient(NetworkConfig config) {
        this(config, "strand-network-" + config.clientId);
    }

    /** With the network thread named {@code threadName} (the producer's is its sender thread too). */
    public NetworkClient(NetworkConfig config, String threadName) {
        this.config = config;
        this.group = new MultiThreadIoEventLoopGroup(1, r -> {
            Thread t = new FastThreadLocalThread(r, threadName);
            t.setDaemon(true);
            networkThread = t;
            return t;
        }, NioIoHandler.newFactory());
        this.loop = group.next();
        Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true);
        if (config.sendBufferBytes > 0) {
            b.option(ChannelOption.SO_SNDBUF, config.sendBufferBytes);
        }
        if (config.receiveBufferBytes > 0) {
            b.option(ChannelOption.SO_RCVBUF, config.receiveBufferBytes);
        }
        this.bootstrap = b;
        long idleCheckMs = Math.max(1000, Math.min(config.connectionsMaxIdleMs / 2, 30_000));
        if (config.connectionsMaxIdleMs > 0) {
            loop.scheduleWithFixedDelay(this::closeIdleConnections, idleCheckMs, idleCheckMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends a request and completes with its response, or fails after {@code timeoutMs}. */
    public CompletableFuture<ClientResponse> send(Node node, ApiKeys api, RequestBuilder builder, long timeoutMs) {
        return submit(new PendingRequest(node, api, builder, timeoutMs, true, false));
    }

    /** Sends with the configured request.timeout.ms. */
    public CompletableFuture<ClientResponse> send(Node node, ApiKeys api, RequestBuilder builder) {
        return send(node, api, builder, config.requestTimeoutMs);
    }

    /**
     * Sends a request the broker does not answer (Produce with acks=0). The future completes,
     * with a response that has no body, once the request has been written to the socket.
     */
    public CompletableFuture<ClientResponse> sendNoResponse(Node node, ApiKeys api, RequestBuilder builder,
                                                            long timeoutMs) {
        return submit(new PendingRequest(node, api, builder, timeoutMs, false, false));
    }

    private CompletableFuture<ClientResponse> submit(PendingRequest req) {
        if (closed) {
            req.fail(closedException());
            return req.future;
        }
        try {
            loop.execute(() -> {
                if (closed) {
                    req.fail(closedException());
                } else {
                    connectionFor(req.node).enqueue(req);
                }
            });
        } catch (RejectedExecutionException e) {
            req.fail(closedException());
        }
        return req.future;
    }

    /** Starts connecting to {@code node} unless connected, connecting or in backoff; true if it is ready now. */
    public boolean ready(Node node) {
        if (isReady(node)) {
            return true;
        }
        if (!closed && connectionDelayMs(node) == 0) {
            try {
                loop.execute(() -> {
                    NodeConnection c = connectionFor(node);
                    if (!closed && c.state == NodeConnection.State.DISCONNECTED && c.backoffRemainingMs(System.nanoTime()) == 0) {
                        c.connect();
                    }
                });
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
        return false;
    }

    /** Whether a connection to {@code node} has completed its handshake and takes requests now. */
    public boolean isReady(Node node) {
        NodeConnection c = connections.get(node.id());
        return c != null && c.state == NodeConnection.State.READY && sameAddress(c.node, node);
    }

    /** Requests to {@code node} sent and not yet completed, including those waiting for the connection. */
    public int inFlightCount(Node node) {
        NodeConnection c = connections.get(node.id());
        return c == null ? 0 : c.pending.get();
    }

    /** Total requests not yet completed, on every connection. */
    public int inFlightCount() {
        int n = 0;
        for (NodeConnection c : connections.values()) {
            n += c.pending.get();
        }
        return n;
    }

    /** Milliseconds until a send to {@code node} may connect: 0 unless the node is in reconnect backoff. */
    public long connectionDelayMs(Node node) {
        NodeConnection c = connections.get(node.id());
        if (c == null || c.state != NodeConnection.State.DISCONNECTED) {
            return 0;
        }
        return c.backoffRemainingMs(System.nanoTime());
    }

    /** The last connection failure of {@code node} while it is in backoff; null otherwise. */
    public Throwable lastConnectionFailure(Node node) {
        NodeConnection c = connections.get(node.id());
        return c == null || connectionDelayMs(node) == 0 ? null : c.lastFailure;
    }

    /** The broker's version ranges, once connected to it. */
    public NodeApiVersions apiVersions(Node node) {
        NodeConnection c = connections.get(node.id());
        return c == null || !sameAddress(c.node, node) ? null : c.apiVersions;
    }

    /**
     * The node with the fewest requests outstanding, to send metadata and other any-broker
     * requests to: a ready node if there is one, else one being connected to, else one that can
     * be connected to now; null if every node is in reconnect backoff. Starts at a random node
     * so that clients spread over the cluster.
     */
    public Node leastLoadedNode(Cluster cluster) {
        List<Node> nodes = cluster.nodes();
        if (nodes.isEmpty()) {
            return null;
        }
        int offset = ThreadLocalRandom.current().nextInt(nodes.size());
        Node readyBest = null;
        int readyLoad = Integer.MAX_VALUE;
        Node connecting = null;
        Node connectable = null;
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get((offset + i) % nodes.size());
            NodeConnection c = connections.get(n.id());
            if (c != null && sameAddress(c.node, n) && c.state == NodeConnection.State.READY) {
                int load = c.pending.get();
                if (load == 0) {
                    return n;
                }
                if (load < readyLoad) {
                    readyLoad = load;
                    readyBest = n;
                }
            } else if (c != null && sameAddress(c.node, n) && c.state != NodeConnection.State.DISCONNECTED) {
                if (connecting == null) {
                    connecting = n;
                }
            } else if (connectable == null && (c == null || !sameAddress(c.node, n)
                || c.backoffRemainingMs(System.nanoTime()) == 0)) {
                connectable = n;
            }
        }
        if (readyBest != null) {
            return readyBest;
        }
        return connecting != null ? connecting : connectable;
    }

    /** Closes the connection to {@code node}; what is pending on it fails with a DisconnectException. */
    public void disconnect(Node node) {
        try {
            loop.execute(() -> {
                NodeConnection c = connections.get(node.id());
                if (c != null) {
                    c.close(new io.strand.common.errors.DisconnectException("The connection to " + describe(c.node)
                        + " was closed by the client"));
                }
            });
        } catch (RejectedExecutionException e) {
            // already closed
        }
    }

    public void addListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    public NetworkConfig config() {
        return config;
    }

    /**
     * Runs {@code task} on the network thread after {@code delayMs} (0: as soon as possible), for
     * components such as metadata that drive themselves from it. Returns false once closed.
     */
    public boolean schedule(Runnable task, long delayMs) {
        if (delayMs > 0) {
            return scheduleTimer(task, delayMs) != null;
        }
        if (closed) {
            return false;
        }
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Runs {@code task} on the network thread after {@code delayMs}, for a caller that may want to
     * cancel it; null once closed.
     */
    public Future<?> scheduleTimer(Runnable task, long delayMs) {
        if (closed) {
            return null;
        }
        try {
            return loop.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Whether the caller runs on this client's network thread. */
    public boolean inNetworkThread() {
        return loop.inEventLoop();
    }

    /**
     * Fails everything pending, closes every connection and stops the network thread. Called from
     * another thread, waits for the network thread to end (also when it was closed already, from
     * the network thread); called from the network thread, has failed what was pending when it
     * returns, and the thread ends after the current task.
     */
    @Override
    public void close() {
        io.netty.util.concurrent.Future<?> shutdown;
        synchronized (this) {
            if (!closed) {
                closed = true;
                Runnable closeAll = () -> {
                    KafkaException e = closedException();
                    for (NodeConnection c : connections.values()) {
                        c.close(e);
                    }
                };
                if (loop.inEventLoop()) {
                    closeAll.run();
                } else {
                    try {
                        loop.execute(closeAll);
                    } catch (RejectedExecutionException e) {
                        // already shutting down
                    }
                }
                group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            }
            shutdown = group.terminationFuture();
        }
        if (!loop.inEventLoop()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            shutdown.awaitUninterruptibly(10, TimeUnit.SECONDS);
            joinNetworkThread(deadline);
            if (!group.isTerminated() || (networkThread != null && networkThread.isAlive())) {
                log.warn("The network thread of client {} did not stop within 10 s", config.clientId);
            }
        }
    }

    /** Waits for the thread itself to end, so that close() leaves no thread of this client behind. */
    private void joinNetworkThread(long deadlineNanos) {
        Thread t = networkThread;
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        long left;
        while (t.isAlive() && (left = deadlineNanos - System.nanoTime()) > 0) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private KafkaException closedException() {
        return new KafkaException("The network client of " + config.clientId + " was closed");
    }

    // ---- for NodeConnection ---------------------------------------------------------------------

    EventLoop loop() {
        return loop;
    }

    Bootstrap bootstrap() {
        return bootstrap;
    }

    int nextCorrelationId() {
        correlationId = correlationId == Integer.MAX_VALUE ? 0 : correlationId + 1;
        return correlationId;
    }

    void fireReady(Node node, NodeApiVersions versions) {
        fire(l -> l.onReady(node, versions));
    }

    void fireDisconnected(Node node, Throwable cause) {
        fire(l -> l.onDisconnected(node, cause));
    }

    private void fire(java.util.function.Consumer<ConnectionListener> event) {
        for (ConnectionListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.warn("Connection listener failed", e);
            }
        }
    }

    /** The connection of {@code node}, replacing one to the same id at another address. */
    private NodeConnection connectionFor(Node node) {
        NodeConnection c = connections.get(node.id());
        if (c == null) {
            c = new NodeConnection(this, config, node);
            connections.put(node.id(), c);
        } else if (!sameAddress(c.node, node)) {
            log.info("Node {} moved from {}:{} to {}:{}", node.id(), c.node.host(), c.node.port(), node.host(), node.port());
            c.close(new io.strand.common.errors.DisconnectException("Node " + node.id() + " moved to "
                + node.host() + ":" + node.port()));
            c = new NodeConnection(this, config, node);
            connections.put(node.id(), c);
        }
        return c;
    }

    private void closeIdleConnections() {
        long now = System.nanoTime();
        for (NodeConnection c : connections.values()) {
            if (c.idleLongerThan(now, config.connectionsMaxIdleMs)) {
                log.debug("Closing the connection to {}: idle for more than {} ms (connections.max.idle.ms)",
                    c.describe(), config.connectionsMaxIdleMs);
                c.close(new io.strand.common.errors.DisconnectException("idle"));
            }
        }
    }

    private static boolean sameAddress(Node a, Node b) {
        return a.port() == b.port() && a.host().equals(b.host());
    }

    /** "node 1 (host:9092)", as errors name a node. */
    public static String describe(Node node) {
        return "node " + node.id() + " (" + node.host() + ":" + node.port() + ")";
    }

    /** Whether responses of {@code api} hold RECORDS slices of their frame (see {@link ClientResponse}). */
    static boolean responseAliasesFrame(ApiKeys api) {
        return ALIASES_FRAME[api.id];
    }

    private static boolean hasRecords(StructSchema schema) {
        for (Field<?> f : schema.fields()) {
            if (f.type() == Types.RECORDS) {
                return true;
            }
            StructSchema nested = StructSchema.nestedSchemaOf(f);
            if (nested != null && hasRecords(nested)) {
                return true;
            }
        }
        return false;
    }

    private static String softwareVersion() {
        String v = NetworkClient.class.getPackage().getImplementationVersion();
        return v == null || !v.matches("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?") ? "dev" : v;
    }

    @Override
    public String toString() {
        List<String> states = new ArrayList<>();
        for (NodeConnection c : connections.values()) {
            states.add(c.describe() + "=" + c.state);
        }
        return "NetworkClient(" + config.clientId + ", " + states + ")";
    }
}
