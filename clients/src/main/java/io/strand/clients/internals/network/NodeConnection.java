package io.strand.clients.internals.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.strand.common.KafkaException;
import io.strand.common.Node;
import io.strand.common.errors.DisconnectException;
import io.strand.common.errors.NetworkException;
import io.strand.common.errors.ProtocolDecodeException;
import io.strand.common.errors.TimeoutException;
import io.strand.common.message.ApiVersions;
import io.strand.common.message.Frames;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.RequestHeader;
import io.strand.common.protocol.ResponseHeader;
import io.strand.common.protocol.types.Struct;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to one broker and the requests queued for it. Every method runs on the
 * client's network thread; other threads read only the volatile state and the pending count.
 *
 * <p>Life cycle: DISCONNECTED -> CONNECTING (TCP, bounded by the connection setup timeout)
 * -> HANDSHAKE (ApiVersions) -> READY. Requests sent before READY wait in {@code waiting} and
 * are written, in order, when the handshake completes. Any failure fails what is waiting or in
 * flight and starts the reconnect backoff, which doubles with each consecutive failure.
 */
final class NodeConnection {

    private static final Logger log = LoggerFactory.getLogger(NodeConnection.class);

    enum State { DISCONNECTED, CONNECTING, HANDSHAKE, READY }

    private final NetworkClient client;
    private final NetworkConfig config;
    volatile Node node;
    volatile State state = State.DISCONNECTED;
    volatile NodeApiVersions apiVersions;
    /** Caller requests accepted and not yet completed, for inFlightCount and leastLoadedNode. */
    final AtomicInteger pending = new AtomicInteger();
    /** When the next connection attempt is allowed, in nanoTime; 0 when not backing off. */
    volatile long backoffUntilNanos;
    volatile Throwable lastFailure;

    private Channel channel;
    private int failures;
    private int addressIndex;
    private boolean retriedApiVersions;
    private long lastActivityNanos;
    private final ArrayDeque<PendingRequest> waiting = new ArrayDeque<>();
    private final ArrayDeque<PendingRequest> inFlight = new ArrayDeque<>();

    NodeConnection(NetworkClient client, NetworkConfig config, Node node) {
        this.client = client;
        this.config = config;
        this.node = node;
    }

    String describe() {
        return NetworkClient.describe(node);
    }

    long backoffRemainingMs(long nowNanos) {
        long until = backoffUntilNanos;
        return until == 0 || nowNanos >= until ? 0 : TimeUnit.NANOSECONDS.toMillis(until - nowNanos) + 1;
    }

    // ---- requests -----------------------------------------------------------------------------------

    /** Accepts a request: writes it if ready, queues it otherwise (connecting first if needed). */
    void enqueue(PendingRequest req) {
        if (state == State.DISCONNECTED) {
            long backoffMs = backoffRemainingMs(System.nanoTime());
            if (backoffMs > 0) {
                Throwable last = lastFailure;
                req.fail(new DisconnectException("Not sending " + req.describe() + " to " + describe()
                    + ": the connection is in reconnect backoff for another " + backoffMs + " ms after it failed"
                    + (last == null ? "" : " (" + last.getMessage() + ")"), last));
                return;
            }
            connect();
            if (state == State.DISCONNECTED) {
                req.fail(lastFailure);
                return;
            }
        }
        if (!req.internal) {
            pending.incrementAndGet();
            req.future.whenComplete((r, e) -> pending.decrementAndGet());
        }
        req.timeoutTask = client.loop().schedule(() -> onTimeout(req), req.timeoutMs, TimeUnit.MILLISECONDS);
        if (state == State.READY) {
            write(req);
        } else {
            waiting.add(req);
        }
    }

    private void write(PendingRequest req) {
        ByteBuf frame;
        try {
            short version = req.fixedVersion >= 0 ? req.fixedVersion : apiVersions.latestUsableVersion(req.api,
                req.builder.oldestAllowedVersion(), req.builder.latestAllowedVersion(), node);
            Struct body = req.builder.build(version);
            req.version = version;
            req.correlationId = client.nextCorrelationId();
            // The one copy of a Produce request's records: into this frame (Types.RECORDS writes the readable bytes).
            frame = Frames.encodeRequest(channel.alloc(),
                new RequestHeader(req.api, version, config.clientId, req.correlationId), body);
        } catch (RuntimeException e) {
            req.fail(e);
            return;
        }
        req.written = true;
        lastActivityNanos = System.nanoTime();
        if (req.expectResponse) {
            inFlight.add(req);
        }
        ChannelFuture f = channel.writeAndFlush(frame);
        if (!req.expectResponse) {
            Channel ch = channel;
            f.addListener(done -> {
                if (done.isSuccess()) {
                    req.complete(new ClientResponse(node, req.api, req.version, req.correlationId, null,
                        System.nanoTime() - req.createdNanos, null));
                } else {
                    req.fail(new NetworkException("Writing " + req.describe() + " to " + describe() + " failed: "
                        + done.cause(), done.cause()));
                    fail(ch, done.cause());
                }
            });
        } else {
            f.addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        }
    }

    private void onTimeout(PendingRequest req) {
        if (req.future.isDone()) {
            return;
        }
        String limit = req.timeoutMs == config.requestTimeoutMs ? " (request.timeout.ms)"
            : " (the timeout given for this request; request.timeout.ms is " + config.requestTimeoutMs + ")";
        if (waiting.remove(req)) {
            req.fail(new TimeoutException("Request " + req.describe() + " to " + describe() + " timed out after "
                + req.timeoutMs + " ms" + limit + " while waiting for the connection to be ready (state " + state
                + ")"));
            return;
        }
        TimeoutException timeout = new TimeoutException("Request " + req.describe() + " to " + describe()
            + " timed out after " + req.timeoutMs + " ms" + limit + " without a response");
        req.fail(timeout);
        if (req.written && req.expectResponse) {
            // Kafka's rule: the connection of a timed-out request cannot be trusted any more.
            log.info("Closing the connection to {}: {}", describe(), timeout.getMessage());
            fail(channel, timeout);
        }
    }

    // ---- connection life cycle ----------------------------------------------------------------------

    void connect() {
        InetSocketAddress address;
        try {
            address = nextAddress();
        } catch (UnknownHostException e) {
            state = State.CONNECTING;
            fail(null, new DisconnectException("Cannot resolve the host of " + describe() + ": " + e.getMessage(), e));
            return;
        }
        state = State.CONNECTING;
        retriedApiVersions = false;
        long setupTimeoutMs = jitter(Math.min(config.connectionSetupTimeoutMaxMs,
            config.connectionSetupTimeoutMs << Math.min(failures, 20)));
        ChannelFuture f = client.bootstrap().clone()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, setupTimeoutMs))
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    FrameDecoder frames = new FrameDecoder(config.maxResponseSize, describe());
                    ch.config().setRecvByteBufAllocator(new FrameReadAllocator(frames));
                    ch.pipeline().addLast(frames, new Handler(ch));
                }
            })
            .connect(address);
        Channel ch = f.channel();
        channel = ch;
        log.debug("Connecting to {} at {}", describe(), address);
        f.addListener(done -> {
            if (channel != ch) {
                return;
            }
            if (done.isSuccess()) {
                startHandshake(ApiKeys.API_VERSIONS.latestVersion());
            } else {
                fail(ch, new DisconnectException("Connection to " + describe() + " could not be established: "
                    + done.cause().getMessage(), done.cause()));
            }
        });
    }

    /** Every address the host resolves to, tried in turn by successive attempts (client.dns.lookup=use_all_dns_ips). */
    private InetSocketAddress nextAddress() throws UnknownHostException {
        InetAddress[] all = InetAddress.getAllByName(node.host());
        InetAddress a = all[Math.floorMod(addressIndex++, all.length)];
        return new InetSocketAddress(a, node.port());
    }

    private void startHandshake(short version) {
        state = State.HANDSHAKE;
        PendingRequest req = new PendingRequest(node, ApiKeys.API_VERSIONS, v -> {
            Struct body = ApiVersions.DEFINITION.newRequest();
            if (v >= 3) {
                body.set(ApiVersions.Request.CLIENT_SOFTWARE_NAME, NetworkClient.SOFTWARE_NAME);
                body.set(ApiVersions.Request.CLIENT_SOFTWARE_VERSION, NetworkClient.SOFTWARE_VERSION);
            }
            return body;
        }, config.requestTimeoutMs, true, true);
        req.fixedVersion = version;
        Channel ch = channel;
        req.future.whenComplete((response, error) -> {
            if (channel != ch) {
                return;
            }
            if (error != null) {
                fail(ch, error);
            } else {
                onApiVersions(ch, response);
            }
        });
        req.timeoutTask = client.loop().schedule(() -> onTimeout(req), req.timeoutMs, TimeUnit.MILLISECONDS);
        write(req);
    }

    private void onApiVersions(Channel ch, ClientResponse response) {
        Struct body = response.body();
        Errors error = Errors.forCode(body.get(ApiVersions.Response.ERROR_CODE));
        if (error == Errors.UNSUPPORTED_VERSION && !retriedApiVersions) {
            // The broker answered in v0 and listed its own ApiVersions range: retry within it.
            retriedApiVersions = true;
            NodeApiVersions ranges = NodeApiVersions.fromResponse(body);
            short max = ranges.supports(ApiKeys.API_VERSIONS)
                ? (short) Math.min(ranges.brokerMax(ApiKeys.API_VERSIONS), ApiKeys.API_VERSIONS.latestVersion()) : 0;
            log.debug("{} does not support ApiVersions v{}; retrying with v{}", describe(), response.version(), max);
            startHandshake(max);
            return;
        }
        if (error != Errors.NONE) {
            fail(ch, new DisconnectException("The ApiVersions handshake with " + describe() + " failed: "
                + error.name() + " (" + error.message() + ")", error.exception()));
            return;
        }
        apiVersions = NodeApiVersions.fromResponse(body);
        state = State.READY;
        failures = 0;
        backoffUntilNanos = 0;
        lastFailure = null;
        log.debug("Connected to {}: {}", describe(), apiVersions);
        client.fireReady(node, apiVersions);
        while (!waiting.isEmpty() && state == State.READY) {
            write(waiting.poll());
        }
    }

    private void onFrame(Channel ch, ByteBuf frame) {
        lastActivityNanos = System.nanoTime();
        PendingRequest req = inFlight.poll();
        if (req == null) {
            frame.release();
            fail(ch, new NetworkException("Received a response from " + describe() + " with no request in flight"));
            return;
        }
        int correlationId;
        Struct body;
        short version = req.version;
        try {
            correlationId = ResponseHeader.peekCorrelationId(frame);
            if (correlationId != req.correlationId) {
                throw new ProtocolDecodeException(req.api.name + "Response", version, "correlation_id",
                    "expected correlation id " + req.correlationId + " (responses arrive in request order) but got "
                        + correlationId, null);
            }
            int start = frame.readerIndex();
            try {
                body = Frames.decodeResponse(frame, req.api, version, correlationId);
            } catch (ProtocolDecodeException e) {
                if (req.api != ApiKeys.API_VERSIONS || version == 0) {
                    throw e;
                }
                // A broker that does not know this ApiVersions version answers in v0 with UNSUPPORTED_VERSION.
                frame.readerIndex(start);
                version = 0;
                body = Frames.decodeResponse(frame, req.api, version, correlationId);
            }
        } catch (ProtocolDecodeException e) {
            frame.release();
            NetworkException failure = new NetworkException("Invalid " + req.api.name + " response from "
                + describe() + ": " + e.getMessage(), e);
            // Mark the connection failed before completing the request: code chained on the future
            // may send again at once and must see the backoff, not a connection that looks ready.
            fail(ch, failure);
            req.fail(failure);
            return;
        }
        boolean keepFrame = NetworkClient.responseAliasesFrame(req.api);
        if (!keepFrame) {
            frame.release();
        }
        ClientResponse response = new ClientResponse(node, req.api, version, correlationId, body,
            System.nanoTime() - req.createdNanos, keepFrame ? frame : null);
        if (!req.complete(response)) {
            response.release();
        }
    }

    /**
     * Closes the connection after a failure: fails what is in flight and waiting, and starts the
     * reconnect backoff. Ignored when {@code ch} is no longer this connection's channel (a late
     * event from a connection already replaced).
     */
    void fail(Channel ch, Throwable reason) {
        if (ch != channel || state == State.DISCONNECTED) {
            return;
        }
        failures++;
        long backoffMs = jitter(Math.min(config.reconnectBackoffMaxMs,
            config.reconnectBackoffMs << Math.min(failures - 1, 20)));
        backoffUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs);
        lastFailure = reason;
        boolean wasReady = state == State.READY;
        String why = reason.getMessage() != null && reason.getMessage().contains(describe()) ? reason.getMessage()
            : "Connection to " + describe() + (wasReady ? " closed: " : " failed: ") + reason.getMessage();
        if (wasReady) {
            log.info(why);
        } else {
            log.warn(why);
        }
        closeChannel();
        List<PendingRequest> lost = drain();
        for (PendingRequest req : lost) {
            if (req.written) {
                req.fail(new NetworkException("Connection to " + describe() + " was closed before the response to "
                    + req.describe() + " arrived: " + reason.getMessage(), reason));
            } else {
                req.fail(reason instanceof DisconnectException ? reason : new DisconnectException("Connection to "
                    + describe() + " failed before " + req.describe() + " could be sent: " + reason.getMessage(),
                    reason));
            }
        }
        client.fireDisconnected(node, reason);
    }

    /** Closes without failure (idle, address change, client close); what is pending fails with {@code reason}. */
    void close(KafkaException reason) {
        if (state == State.DISCONNECTED) {
            return;
        }
        closeChannel();
        for (PendingRequest req : drain()) {
            req.fail(reason);
        }
    }

    private void closeChannel() {
        state = State.DISCONNECTED;
        apiVersions = null;
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close();
        }
    }

    private List<PendingRequest> drain() {
        List<PendingRequest> all = new ArrayList<>(inFlight);
        all.addAll(waiting);
        inFlight.clear();
        waiting.clear();
        return all;
    }

    boolean idleLongerThan(long nowNanos, long idleMs) {
        return state == State.READY && inFlight.isEmpty() && waiting.isEmpty()
            && nowNanos - lastActivityNanos > TimeUnit.MILLISECONDS.toNanos(idleMs);
    }

    private static long jitter(long ms) {
        return Math.max(1, (long) (ms * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
    }

    /** The pipeline's last handler, bound to one channel so late events from an old channel are ignored. */
    private final class Handler extends ChannelInboundHandlerAdapter {
        private final Channel ch;

        Handler(Channel ch) {
            this.ch = ch;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (channel != ch) {
                ((ByteBuf) msg).release();
                return;
            }
            onFrame(ch, (ByteBuf) msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(ch, new NetworkException(describe() + " closed the connection"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ch, cause instanceof KafkaException ? cause
                : new NetworkException("Connection to " + describe() + " failed: " + cause, cause));
        }
    }
}
