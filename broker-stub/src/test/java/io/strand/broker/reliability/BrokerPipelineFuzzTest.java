package io.strand.broker.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.strand.broker.internals.Broker;
import io.strand.broker.internals.BrokerConfig;
import io.strand.broker.internals.network.NodeServer;
import io.strand.broker.internals.network.Outcome;
import io.strand.broker.internals.network.RequestProcessor;
import io.strand.common.message.ApiDefinitions;
import io.strand.common.message.Frames;
import io.strand.common.message.Produce;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.RequestHeader;
import io.strand.common.protocol.types.Struct;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's real connection pipeline (NodeServer: size-prefix frame decoder, KafkaConnection,
 * the broker's own RequestDispatcher and handlers) fed the fuzzer's frames over TCP, one at a
 * time, so that each frame's fate is known: answered, held (a long poll), or the connection
 * closed. A recorder between connection and dispatcher sees every frame the broker processed.
 * Afterwards the broker's own node still serves the Apache producer and consumer.
 */
class BrokerPipelineFuzzTest {

    private static final Logger log = LoggerFactory.getLogger(BrokerPipelineFuzzTest.class);

    static final int FRAMES = Integer.getInteger("strand.fuzz.pipelineFrames", 100_000);
    static final int SIZE_LIES = Integer.getInteger("strand.fuzz.sizeLies", 2_000);
    private static final int MAX_FRAME_BYTES = 256 * 1024;
    /** Connections are replaced after this many frames, so that held long polls never fill one. */
    private static final int FRAMES_PER_CONNECTION = 100;
    private static final long STUCK_MS = 30_000;
    /** Frames written at once; those behind one that closes the connection are sent again. */
    private static final int BATCH = 32;
    /** Clients sending at once: connection set-up, not the broker, is what a lone client waits on. */
    private static final int WORKERS = 4;

    private static Broker broker;
    private static EventLoopGroup fuzzLoop;
    private static EventLoopGroup clientLoop;
    private static NodeServer fuzzNode;
    private static Recorder recorder;
    private static Bootstrap clients;

    @BeforeAll
    static void start() throws Exception {
        broker = new Broker(new BrokerConfig("127.0.0.1", List.of(0), 4, 1, true, null, MAX_FRAME_BYTES, null));
        // The dispatcher with the broker's handlers is wired inside Broker; a test reads it from node 0.
        java.lang.reflect.Field f = NodeServer.class.getDeclaredField("processor");
        f.setAccessible(true);
        recorder = new Recorder((RequestProcessor) f.get(broker.server(0)));
        fuzzLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        fuzzNode = new NodeServer(0, "127.0.0.1", 0, fuzzLoop, fuzzLoop, recorder, MAX_FRAME_BYTES);
        fuzzNode.start();
        clientLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        clients = new Bootstrap().group(clientLoop).channel(NioSocketChannel.class)
            .option(ChannelOption.SO_LINGER, 0) // closing resets: no TIME_WAIT pile-up over thousands of connections
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new Discard());
    }

    /** The fuzzer's client ignores answers: the recorder on the broker's side tells each frame's fate. */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class Discard extends ChannelInboundHandlerAdapter {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ReferenceCountUtil.release(msg);
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    ctx.close();
                }
    }

    @AfterAll
    static void stop() {
        if (fuzzNode != null) {
            fuzzNode.stop();
        }
        if (broker != null) {
            broker.close();
        }
        if (clientLoop != null) {
            clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (fuzzLoop != null) {
            fuzzLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void everyFrameIsAnsweredHeldOrClosedAndTheBrokerStillServes() throws Exception {
        List<Worker> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(new Worker(RequestDecoderFuzzTest.SEED + 7 + w, FRAMES / WORKERS + (w < FRAMES % WORKERS ? 1 : 0)));
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            for (Future<?> f : pool.invokeAll(workers)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        Worker total = new Worker(0, 0);
        workers.forEach(total::add);
        int lies = sendSizeLies(new Random(RequestDecoderFuzzTest.SEED + 11));
        log.info("Broker pipeline fuzz: {} frames in {} ms by {} clients over {} connections: {} answered, {} held "
                + "(long polls), {} closed the connection, {} resent after a close they did not cause; kinds {}; "
                + "then {} size-prefix lies; frames of unknown connections {}; closed after a readable request: {}",
            FRAMES, ms, WORKERS, total.connections, total.answered, total.held, total.closed, total.resent,
            total.input.counts(), lies, recorder.strays.get(), total.closedAfterReadable);
        assertEquals(List.of(), recorder.thrown, "the dispatcher threw");
        assertEquals(Map.of(), total.closedAfterReadable, "readable requests (not Produce acks=0) must get an answer");
        assertEquals(FRAMES, total.answered + total.held + total.closed);
        assertTrue(total.answered > FRAMES / 4, "many frames reach a handler");
        assertEquals(IntStream.range(0, 50).mapToObj(i -> "r" + i).toList(),
            ApacheRoundTrip.produceAndRead(broker.bootstrapServers(), "after-fuzz", 50));
    }

    /**
     * One client's share of the frames: readable ones in batches on a connection, each one the
     * broker cannot read at the header alone on its own connection (it closes the connection and
     * would drop the frames behind it). Frames dropped behind a close are sent again.
     */
    private static final class Worker implements Callable<Void> {
        final MutatedRequests input;
        final int frames;
        final Map<String, Integer> closedAfterReadable = new TreeMap<>();
        int answered;
        int held;
        int closed;
        int resent;
        int connections;
        private Channel conn;
        private BlockingQueue<Recorder.Entry> entries;
        private int onConn;

        Worker(long seed, int frames) {
            this.input = new MutatedRequests(seed);
            this.frames = frames;
        }

        @Override
        public Void call() throws Exception {
            List<byte[]> batch = new ArrayList<>();
            byte[] deferred = null;
            int made = 0;
            int stuck = 0;
            while (made < frames || !batch.isEmpty() || deferred != null) {
                if (batch.isEmpty() && deferred != null) {
                    batch.add(deferred);
                    deferred = null;
                } else if (batch.isEmpty()) {
                    while (batch.size() < BATCH && made < frames) {
                        byte[] frame = input.next();
                        made++;
                        if (closesAtHeader(frame) && !batch.isEmpty()) {
                            deferred = frame;
                            break;
                        }
                        batch.add(frame);
                        if (closesAtHeader(frame)) {
                            break;
                        }
                    }
                }
                List<Recorder.Entry> done = send(batch);
                stuck = done.isEmpty() ? stuck + 1 : 0;
                if (stuck > 3) {
                    fail("a batch was never processed, first frame " + ByteBufUtil.hexDump(batch.get(0)));
                }
                boolean closes = false;
                for (int j = 0; j < done.size(); j++) {
                    Outcome outcome = done.get(j).outcome().getNow(null);
                    if (outcome == null) {
                        held++;
                    } else if (outcome.close()) {
                        closed++;
                        closes = true;
                        String api = answerableApi(batch.get(j));
                        if (api != null) {
                            closedAfterReadable.merge(api, 1, Integer::sum);
                        }
                    } else {
                        answered++;
                    }
                }
                batch = new ArrayList<>(batch.subList(done.size(), batch.size()));
                resent += batch.size();
                if (closes) {
                    disconnect();
                }
            }
            disconnect();
            return null;
        }

        /** Writes the frames; returns the entries of those the broker read, in order, before any close. */
        private List<Recorder.Entry> send(List<byte[]> batch) throws InterruptedException {
            if (conn == null || !conn.isActive() || onConn >= FRAMES_PER_CONNECTION) {
                disconnect();
                conn = clients.connect("127.0.0.1", fuzzNode.port()).syncUninterruptibly().channel();
                entries = recorder.register(conn);
                connections++;
                onConn = 0;
            }
            for (byte[] frame : batch) {
                conn.write(Unpooled.buffer(4 + frame.length).writeInt(frame.length).writeBytes(frame));
            }
            conn.flush();
            onConn += batch.size();
            List<Recorder.Entry> out = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STUCK_MS);
            while (out.size() < batch.size()) {
                Recorder.Entry e = entries.poll(1, TimeUnit.MILLISECONDS);
                if (e == null && !conn.isActive()) {
                    // Anything the broker read before closing was recorded before the close began.
                    e = entries.poll();
                    if (e == null) {
                        return out;
                    }
                }
                if (e != null) {
                    out.add(e);
                } else if (System.nanoTime() > deadline) {
                    throw new AssertionError(out.size() + " of " + batch.size() + " frames processed and the "
                        + "connection still open after " + STUCK_MS + " ms");
                }
            }
            return out;
        }

        private void disconnect() {
            if (conn != null) {
                recorder.unregister(conn);
                conn.close().syncUninterruptibly();
                conn = null;
            }
        }

        void add(Worker w) {
            answered += w.answered;
            held += w.held;
            closed += w.closed;
            resent += w.resent;
            connections += w.connections;
            w.closedAfterReadable.forEach((k, v) -> closedAfterReadable.merge(k, v, Integer::sum));
            w.input.counts().forEach((k, v) -> input.counts().merge(k, v, Integer::sum));
        }
    }

    /**
     * Frames whose size prefix lies: above the limit or negative (the connection closes without
     * a buffer for the claimed size), or within it but not the frame's (the client resets the
     * connection; whatever the broker made of the bytes, it must not break).
     */
    private static int sendSizeLies(Random random) {
        MutatedRequests valid = new MutatedRequests(random.nextLong());
        for (int i = 0; i < SIZE_LIES; i++) {
            Channel conn = clients.connect("127.0.0.1", fuzzNode.port()).syncUninterruptibly().channel();
            byte[] frame = valid.corpus().any(i);
            int kind = random.nextInt(3);
            int size = switch (kind) {
                case 0 -> MAX_FRAME_BYTES + 1 + random.nextInt(Integer.MAX_VALUE - MAX_FRAME_BYTES - 1);
                case 1 -> Integer.MIN_VALUE + random.nextInt(Integer.MAX_VALUE);
                default -> random.nextInt(MAX_FRAME_BYTES + 1);
            };
            conn.writeAndFlush(Unpooled.buffer(4 + frame.length).writeInt(size).writeBytes(frame));
            if (kind < 2 && !conn.closeFuture().awaitUninterruptibly(STUCK_MS)) {
                fail("the broker kept a connection whose frame claimed " + size + " bytes");
            }
            conn.close().syncUninterruptibly();
        }
        return SIZE_LIES;
    }

    /** Whether the broker cannot read this frame's header, API or version, and so closes the connection. */
    private static boolean closesAtHeader(byte[] frame) {
        try {
            RequestHeader header = Frames.readRequestHeader(Unpooled.wrappedBuffer(frame));
            ApiKeys api = header.api();
            return api == null || (!api.isVersionSupported(header.apiVersion()) && api != ApiKeys.API_VERSIONS);
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** The API name if the broker can read this request and must answer it (Produce acks=0 need not), else null. */
    private static String answerableApi(byte[] frame) {
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        try {
            RequestHeader header = Frames.readRequestHeader(buf);
            ApiKeys api = header.api();
            if (api == null || !api.isVersionSupported(header.apiVersion())) {
                return null;
            }
            Struct body = ApiDefinitions.of(api).readRequest(buf, header.apiVersion());
            if (api == ApiKeys.PRODUCE && body.get(Produce.Request.ACKS) == 0) {
                return null;
            }
            return api.name + " v" + header.apiVersion();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Between a connection and the broker's dispatcher: hands each frame's outcome to the client that sent it. */
    private static final class Recorder implements RequestProcessor {

        record Entry(CompletableFuture<Outcome> outcome) {
        }

        final List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger strays = new AtomicInteger();
        private final Map<Integer, BlockingQueue<Entry>> byClientPort = new ConcurrentHashMap<>();
        private final RequestProcessor dispatcher;

        Recorder(RequestProcessor dispatcher) {
            this.dispatcher = dispatcher;
        }

        BlockingQueue<Entry> register(Channel client) {
            BlockingQueue<Entry> q = new LinkedBlockingQueue<>();
            byClientPort.put(((InetSocketAddress) client.localAddress()).getPort(), q);
            return q;
        }

        void unregister(Channel client) {
            byClientPort.remove(((InetSocketAddress) client.localAddress()).getPort());
        }

        @Override
        public CompletableFuture<Outcome> process(Channel channel, int nodeId, ByteBuf frame) {
            CompletableFuture<Outcome> outcome;
            try {
                outcome = dispatcher.process(channel, nodeId, frame);
            } catch (RuntimeException | Error e) {
                thrown.add(e);
                throw e;
            }
            BlockingQueue<Entry> q = byClientPort.get(((InetSocketAddress) channel.remoteAddress()).getPort());
            if (q != null) {
                q.add(new Entry(outcome));
            } else {
                strays.incrementAndGet();
            }
            return outcome;
        }
    }
}
