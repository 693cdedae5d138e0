package io.strand.clients.internals.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Frames of every size over a real socket, read by Netty through {@link FrameReadAllocator}. */
class FrameReadAllocatorTest {

    @Test
    void framesOfEverySizeArriveWholeOverASmallReceiveBuffer() throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 60; i++) {
            int size = switch (i % 4) {
                case 0 -> random.nextInt(100);
                case 1 -> FrameDecoder.MIN_DIRECT_READ - 10 + random.nextInt(20);
                case 2 -> 200_000 + random.nextInt(1_000_000);
                default -> random.nextInt(70_000);
            };
            byte[] b = new byte[size];
            random.nextBytes(b);
            bodies.add(b);
        }
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Channel client = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.SO_RCVBUF, 16 * 1024)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        FrameDecoder frames = new FrameDecoder(2 << 20, "test peer");
                        ch.config().setRecvByteBufAllocator(new FrameReadAllocator(frames));
                        ch.pipeline().addLast(frames, new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf frame = (ByteBuf) msg;
                                byte[] bytes = new byte[frame.readableBytes()];
                                frame.readBytes(bytes);
                                frame.release();
                                received.add(bytes);
                            }
                        });
                    }
                })
                .connect(server.getLocalSocketAddress()).sync().channel();
            try (Socket peer = server.accept()) {
                writeInRandomChunks(peer.getOutputStream(), bodies, random);
                for (int i = 0; i < bodies.size(); i++) {
                    byte[] got = received.poll(30, TimeUnit.SECONDS);
                    assertTrue(got != null, "frame " + i + " did not arrive");
                    assertEquals(bodies.get(i).length, got.length, "frame " + i);
                    assertArrayEquals(bodies.get(i), got, "frame " + i);
                }
            } finally {
                client.close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Writes the frames as a stream cut at random points, flushed piece by piece with short pauses. */
    private static void writeInRandomChunks(OutputStream socket, List<byte[]> bodies, Random random) throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(all);
        for (byte[] b : bodies) {
            data.writeInt(b.length);
            data.write(b);
        }
        byte[] stream = all.toByteArray();
        for (int at = 0; at < stream.length; ) {
            int n = Math.min(stream.length - at, 1 + random.nextInt(random.nextBoolean() ? 50 : 300_000));
            socket.write(stream, at, n);
            socket.flush();
            at += n;
            if (random.nextInt(8) == 0) {
                Thread.sleep(1);
            }
        }
    }
}
