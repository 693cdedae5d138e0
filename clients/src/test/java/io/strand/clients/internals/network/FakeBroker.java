package io.strand.clients.internals.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.strand.common.Node;
import io.strand.common.message.ApiDefinitions;
import io.strand.common.message.ApiVersions;
import io.strand.common.message.Frames;
import io.strand.common.message.RequestFrame;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Struct;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A tiny server for network tests: reads request frames and lets the test decide, per request,
 * what to answer: a body, raw bytes, nothing, or a closed connection. It answers ApiVersions
 * with Strand's full ranges unless told otherwise.
 */
public final class FakeBroker implements AutoCloseable {

    /** What to do with one request: return a Struct (answered at the request's version), a ByteBuf (written raw), or null (no answer). */
    public interface Behavior extends BiFunction<RequestFrame, Channel, Object> {
    }

    public static final Object CLOSE = new Object();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    public final List<RequestFrame> received = new CopyOnWriteArrayList<>();
    public final AtomicInteger connections = new AtomicInteger();
    public volatile Behavior behavior = (req, ch) -> null;
    public volatile Behavior apiVersionsBehavior = (req, ch) -> apiVersionsResponse(req.header().apiVersion(), null);

    public FakeBroker() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    connections.incrementAndGet();
                    ch.pipeline().addLast(new FrameDecoder(1 << 20, "client"), new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ByteBuf frame = (ByteBuf) msg;
                            try {
                                RequestFrame req = Frames.decodeRequest(frame);
                                received.add(req);
                                Object answer = req.header().api() == ApiKeys.API_VERSIONS
                                    ? apiVersionsBehavior.apply(req, ch) : behavior.apply(req, ch);
                                respond(ch, req, answer);
                            } finally {
                                frame.release();
                            }
                        }
                    });
                }
            })
            .bind("127.0.0.1", 0).sync().channel();
    }

    private static void respond(Channel ch, RequestFrame req, Object answer) {
        if (answer == CLOSE) {
            ch.close();
        } else if (answer instanceof Struct) {
            ch.writeAndFlush(Frames.encodeResponse(ch.alloc(), req.header().api(), req.header().apiVersion(),
                req.header().correlationId(), (Struct) answer));
        } else if (answer instanceof ByteBuf) {
            ch.writeAndFlush(answer);
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public Node node(int id) {
        return new Node(id, "127.0.0.1", port());
    }

    /** An ApiVersions response listing Strand's ranges, with {@code override} replacing some (key -> {min, max}). */
    public static Struct apiVersionsResponse(short version, java.util.Map<ApiKeys, short[]> override) {
        Struct body = ApiDefinitions.of(ApiKeys.API_VERSIONS).newResponse();
        List<Struct> keys = new ArrayList<>();
        for (ApiKeys api : ApiKeys.values()) {
            short[] range = override == null ? null : override.get(api);
            if (range == null) {
                range = new short[] {api.oldestVersion(), api.latestVersion()};
            }
            if (range.length == 0) {
                continue;
            }
            keys.add(ApiVersions.Response.ApiVersion.SCHEMA.newStruct()
                .set(ApiVersions.Response.ApiVersion.API_KEY, api.id)
                .set(ApiVersions.Response.ApiVersion.MIN_VERSION, range[0])
                .set(ApiVersions.Response.ApiVersion.MAX_VERSION, range[1]));
        }
        body.set(ApiVersions.Response.API_KEYS, keys);
        return body;
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
