package io.strand.broker.internals.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket of one node. Several nodes share the event loops of one broker; each
 * has its own port, and can be stopped (its clients see refused connections) and started again
 * on the same port.
 */
public final class NodeServer {

    private static final Logger log = LoggerFactory.getLogger(NodeServer.class);

    private final int nodeId;
    private final String host;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final RequestProcessor processor;
    private final int maxFrameBytes;
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile Channel listener;
    private volatile int port;

    public NodeServer(int nodeId, String host, int port, EventLoopGroup acceptor, EventLoopGroup workers,
                      RequestProcessor processor, int maxFrameBytes) {
        this.nodeId = nodeId;
        this.host = host;
        this.port = port;
        this.acceptor = acceptor;
        this.workers = workers;
        this.processor = processor;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Binds the port given at construction (0 picks a free one the first time; later starts reuse it). */
    public synchronized void start() {
        if (listener != null) {
            return;
        }
        ServerBootstrap b = new ServerBootstrap()
            .group(acceptor, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    clients.add(ch);
                    // The size is checked as soon as its 4 bytes arrive, before any buffer for the frame.
                    ch.pipeline().addLast("frames", new LengthFieldBasedFrameDecoder(maxFrameBytes, 0, 4, 0, 4, true));
                    ch.pipeline().addLast("requests", new KafkaConnection(processor, nodeId));
                }
            });
        try {
            Channel ch = b.bind(host, port).sync().channel();
            port = ((InetSocketAddress) ch.localAddress()).getPort();
            listener = ch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while binding node " + nodeId + " to " + host + ":" + port, e);
        } catch (Exception e) {
            throw new IllegalStateException("Node " + nodeId + " cannot listen on " + host + ":" + port + ": " + e, e);
        }
    }

    /** Closes the listening socket and every client connection of this node. */
    public synchronized void stop() {
        Channel ch = listener;
        listener = null;
        if (ch != null) {
            ch.close().syncUninterruptibly();
            awaitListenerReleased();
        }
        disconnectClients();
    }

    /**
     * Netty's close future completes before the socket is gone: the JDK keeps a channel registered
     * with a selector open until the event loop's next select deregisters it, and until then the
     * kernel still completes handshakes on the port. Callers of stop() expect refused connections
     * at once, so wait until the port can be bound again (with SO_REUSEADDR, as the node binds it).
     */
    private void awaitListenerReleased() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(host, port));
                return;
            } catch (IOException stillBound) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        log.warn("Node {} stopped, but {}:{} was still bound 5 s later", nodeId, host, port);
    }

    /** Closes every open client connection, leaving the listening socket open. */
    public void disconnectClients() {
        clients.close().awaitUninterruptibly();
    }

    public boolean isRunning() {
        return listener != null;
    }

    public int nodeId() {
        return nodeId;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
