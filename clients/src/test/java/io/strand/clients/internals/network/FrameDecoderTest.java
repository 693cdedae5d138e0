package io.strand.clients.internals.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private final FrameDecoder decoder = new FrameDecoder(1 << 20, "node 1 (localhost:9092)");
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Test
    void splitsAStreamCutAnywhereIntoItsFrames() {
        byte[][] bodies = {body(0, 1), body(3, 2), body(70_000, 3), body(17, 4)};
        byte[] stream = stream(bodies);
        Random random = new Random(42);
        for (int at = 0; at < stream.length; ) {
            int n = Math.min(stream.length - at, 1 + random.nextInt(9000));
            channel.writeInbound(Unpooled.wrappedBuffer(stream, at, n));
            at += n;
        }
        for (byte[] body : bodies) {
            assertFrame(body, channel.readInbound());
        }
        assertNull(channel.readInbound());
    }

    @Test
    void offersNoReadTargetUntilALargeFramesSizeIsKnown() {
        assertNull(decoder.readTarget(), "nothing started");
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 1}));
        assertNull(decoder.readTarget(), "size incomplete");
        byte[] small = stream(new byte[][] {body(FrameDecoder.MIN_DIRECT_READ - 1, 5)});
        EmbeddedChannel other = new EmbeddedChannel(new FrameDecoder(1 << 20, "peer"));
        FrameDecoder smallDecoder = (FrameDecoder) other.pipeline().first();
        other.writeInbound(Unpooled.wrappedBuffer(small, 0, 4));
        assertNull(smallDecoder.readTarget(), "a small rest is read the usual way");
        other.finishAndReleaseAll();
    }

    @Test
    void readsTheRestOfALargeFrameStraightIntoIt() {
        byte[] body = body(300_000, 6);
        byte[] stream = stream(new byte[][] {body, body(10, 7)});
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 0, 1000));

        ByteBuf target = decoder.readTarget();
        assertNotNull(target);
        assertEquals(0, target.readableBytes());
        assertEquals(4 + body.length - 1000, target.writableBytes(), "bounded by the frame, so the next stays unread");
        ByteBuf memory = target.unwrap();
        target.writeBytes(stream, 1000, 150_000);
        channel.writeInbound(target);
        assertNull(channel.readInbound(), "the frame is not complete yet");

        ByteBuf rest = decoder.readTarget();
        assertEquals(4 + body.length - 151_000, rest.writableBytes());
        rest.writeBytes(stream, 151_000, rest.writableBytes());
        channel.writeInbound(rest);

        ByteBuf frame = channel.readInbound();
        assertSame(memory, frame.unwrap(), "the frame is the memory the socket read into: no copy");
        assertFrame(body, frame);
        assertNull(decoder.readTarget(), "the next frame starts with a buffer of its own");
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 4 + body.length, 14));
        assertFrame(body(10, 7), channel.readInbound());
    }

    @Test
    void aBufferThatIsNotTheTargetIsStillAppended() {
        byte[] body = body(100_000, 8);
        byte[] stream = stream(new byte[][] {body});
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 0, 500));
        ByteBuf unused = decoder.readTarget();
        unused.release(); // a read that returned nothing: Netty releases the buffer without passing it on
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 500, stream.length - 500));
        assertFrame(body, channel.readInbound());
    }

    @Test
    void aSizeBeyondTheLimitFailsTheConnectionNamingThePeer() {
        ByteBuf size = Unpooled.buffer().writeInt((1 << 20) + 1);
        assertInvalid(size, "Invalid response size 1048577 from node 1 (localhost:9092)",
            "Is node 1 (localhost:9092) a Kafka broker?");
        assertNull(decoder.readTarget(), "a failed decoder offers nothing more to read into");
    }

    @Test
    void aTlsRecordIsNamedAsOne() {
        ByteBuf alert = Unpooled.wrappedBuffer(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28});
        assertInvalid(alert, "It looks like a TLS record", "security.protocol=PLAINTEXT");
    }

    private void assertInvalid(ByteBuf input, String... fragments) {
        Throwable e = assertThrows(FrameDecoder.InvalidFrameException.class, () -> {
            channel.writeInbound(input);
            channel.checkException();
        });
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), e.getMessage());
        }
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 1, 9}));
        assertNull(channel.readInbound(), "nothing is decoded after the failure");
    }

    private static byte[] body(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] stream(byte[][] bodies) {
        ByteBuf out = Unpooled.buffer();
        for (byte[] b : bodies) {
            out.writeInt(b.length).writeBytes(b);
        }
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    private static void assertFrame(byte[] expected, ByteBuf frame) {
        assertNotNull(frame);
        try {
            byte[] actual = new byte[frame.readableBytes()];
            frame.getBytes(frame.readerIndex(), actual);
            assertArrayEquals(expected, actual);
        } finally {
            frame.release();
        }
    }
}
