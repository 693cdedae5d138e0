package io.strand.common.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.strand.common.errors.CorruptRecordException;
import io.strand.common.record.CompressionType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xerial.snappy.SnappyInputStream;
import org.xerial.snappy.SnappyOutputStream;

/**
 * Each codec round-trips through Strand and through the reference implementation of its framing
 * (JDK gzip streams, snappy-java's xerial streams, lz4-java's frame streams, zstd-jni streams), in
 * both directions, over sizes around block boundaries and heap and direct buffers.
 */
class CodecInteropTest {

    private static final int LIMIT = 16 * 1024 * 1024;
    private static final int[] SIZES = {0, 1, 100, 32 * 1024, 32 * 1024 + 1, 64 * 1024, 64 * 1024 + 1, 300_000};

    static byte[] data(int size, boolean compressible) {
        byte[] bytes = new byte[size];
        Random random = new Random(size);
        if (compressible) {
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) ("the quick brown fox ".charAt(i % 20) + (random.nextInt(50) == 0 ? 1 : 0));
            }
        } else {
            random.nextBytes(bytes);
        }
        return bytes;
    }

    static List<Arguments> cases() {
        List<Arguments> args = new ArrayList<>();
        for (CompressionType type : CompressionType.values()) {
            if (type == CompressionType.NONE) {
                continue;
            }
            for (int size : SIZES) {
                args.add(Arguments.of(type, size, size % 2 == 0, size % 3 == 0));
            }
        }
        return args;
    }

    private static byte[] strandCompress(CompressionType type, byte[] input, boolean direct) {
        ByteBuffer src = direct ? ByteBuffer.allocateDirect(input.length).put(input).flip() : ByteBuffer.wrap(input);
        ByteBuf dst = direct ? Unpooled.directBuffer(16) : Unpooled.buffer(16);
        dst.writeByte(0x77); // compression appends after what is already there
        Compression.of(type).build().compress(src, dst);
        assertEquals(0, src.position(), "the input's position is left alone");
        assertEquals(0x77, dst.readByte());
        byte[] out = ByteBufUtil.getBytes(dst);
        dst.release();
        return out;
    }

    private static byte[] strandDecompress(CompressionType type, byte[] compressed, boolean direct) {
        ByteBuffer src = direct ? ByteBuffer.allocateDirect(compressed.length).put(compressed).flip() : ByteBuffer.wrap(compressed);
        ByteBuffer out = Compression.decompress(type, src, (byte) 2, LIMIT);
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    private static byte[] referenceCompress(CompressionType type, byte[] input) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = referenceOutput(type, bytes)) {
            out.write(input);
        }
        return bytes.toByteArray();
    }

    private static OutputStream referenceOutput(CompressionType type, OutputStream out) throws IOException {
        switch (type) {
            case GZIP:
                return new GZIPOutputStream(out);
            case SNAPPY:
                return new SnappyOutputStream(out);
            case LZ4:
                // every optional part of the frame that Kafka itself leaves out
                return new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_256KB,
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM,
                    LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM);
            case ZSTD:
                return new ZstdOutputStream(out); // streamed: the frame does not declare its size
            default:
                throw new IllegalArgumentException(type.name);
        }
    }

    private static byte[] referenceDecompress(CompressionType type, byte[] compressed) throws IOException {
        try (InputStream in = referenceInput(type, new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    private static InputStream referenceInput(CompressionType type, InputStream in) throws IOException {
        switch (type) {
            case GZIP:
                return new GZIPInputStream(in);
            case SNAPPY:
                return new SnappyInputStream(in);
            case LZ4:
                return new LZ4FrameInputStream(in);
            case ZSTD:
                return new com.github.luben.zstd.ZstdInputStream(in);
            default:
                throw new IllegalArgumentException(type.name);
        }
    }

    @ParameterizedTest(name = "{0} {1} bytes, compressible={2}, direct={3}")
    @MethodSource("cases")
    void roundTripsBothWays(CompressionType type, int size, boolean compressible, boolean direct) throws IOException {
        byte[] input = data(size, compressible);
        byte[] ours = strandCompress(type, input, direct);
        assertTrue(ours.length <= Compression.of(type).build().maxCompressedLength(size));
        assertArrayEquals(input, strandDecompress(type, ours, direct), "Strand reads Strand");
        if (size > 0 || type != CompressionType.SNAPPY) { // SnappyInputStream refuses an empty stream
            assertArrayEquals(input, referenceDecompress(type, ours), "the reference reads Strand");
        }
        assertArrayEquals(input, strandDecompress(type, referenceCompress(type, input), direct), "Strand reads the reference");
    }

    @Test
    void gzipHeaderFieldsAndSeveralMembersAreRead() throws IOException {
        byte[] first = data(1000, true);
        byte[] second = data(500, false);
        byte[] member = referenceCompress(CompressionType.GZIP, first);
        // Rewrite the first member's header with FEXTRA, FNAME, FCOMMENT and FHCRC set.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3});
        bytes.write(new byte[] {3, 0, 'a', 'b', 'c'});
        bytes.write("name.txt\0comment\0".getBytes());
        bytes.write(new byte[] {0x12, 0x34});
        bytes.write(member, 10, member.length - 10);
        bytes.write(referenceCompress(CompressionType.GZIP, second));
        byte[] expected = new byte[first.length + second.length];
        System.arraycopy(first, 0, expected, 0, first.length);
        System.arraycopy(second, 0, expected, first.length, second.length);
        assertArrayEquals(expected, strandDecompress(CompressionType.GZIP, bytes.toByteArray(), false));
    }

    @Test
    void concatenatedZstdFramesAndSnappyStreamsAreRead() throws IOException {
        byte[] a = data(5000, true);
        byte[] b = data(7000, false);
        byte[] expected = new byte[a.length + b.length];
        System.arraycopy(a, 0, expected, 0, a.length);
        System.arraycopy(b, 0, expected, a.length, b.length);
        for (CompressionType type : new CompressionType[] {CompressionType.ZSTD, CompressionType.SNAPPY}) {
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.write(type == CompressionType.ZSTD ? Zstd.compress(a) : referenceCompress(type, a));
            both.write(referenceCompress(type, b));
            assertArrayEquals(expected, strandDecompress(type, both.toByteArray(), false), type.name);
        }
    }

    @Test
    void levelsOutsideTheirRangeAreRefusedWithTheSettingName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Compression.gzip().level(10));
        assertTrue(e.getMessage().contains("compression.gzip.level"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Compression.lz4().level(18));
        assertThrows(IllegalArgumentException.class, () -> Compression.zstd().level(23));
        assertEquals(9, Compression.gzip().level(9).build().level());
        assertEquals(17, Compression.lz4().level(17).build().level());
        assertEquals(-5, Compression.zstd().level(-5).build().level());
        assertEquals(GzipCompression.DEFAULT_LEVEL, Compression.gzip().build().level());
    }

    @ParameterizedTest(name = "level {0}")
    @MethodSource("levels")
    void everyLevelWritesWhatTheReferenceReads(CompressionType type, int level) throws IOException {
        Compression compression;
        switch (type) {
            case GZIP:
                compression = Compression.gzip().level(level).build();
                break;
            case LZ4:
                compression = Compression.lz4().level(level).build();
                break;
            default:
                compression = Compression.zstd().level(level).build();
        }
        byte[] input = data(100_000, true);
        ByteBuf dst = Unpooled.buffer();
        compression.compress(ByteBuffer.wrap(input), dst);
        assertArrayEquals(input, referenceDecompress(type, ByteBufUtil.getBytes(dst)));
    }

    static List<Arguments> levels() {
        return List.of(Arguments.of(CompressionType.GZIP, 1), Arguments.of(CompressionType.GZIP, 9),
            Arguments.of(CompressionType.LZ4, 1), Arguments.of(CompressionType.LZ4, 17),
            Arguments.of(CompressionType.ZSTD, -7), Arguments.of(CompressionType.ZSTD, 19));
    }

    @Test
    void malformedFramingIsCorruptNotAnotherException() {
        byte[][] bad = {
            {}, {0x1f}, {0x1f, (byte) 0x8b, 9, 0, 0, 0, 0, 0, 0, 0},
            {0x04, 0x22, 0x4d, 0x18, 0x60, 0x70, 0x00, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f},
            {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
            {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0},
        };
        Random random = new Random(99);
        for (CompressionType type : new CompressionType[] {CompressionType.GZIP, CompressionType.SNAPPY, CompressionType.LZ4, CompressionType.ZSTD}) {
            for (byte[] input : bad) {
                assertCorruptOrEmpty(type, input);
            }
            byte[] good = strandCompress(type, data(20_000, true), false);
            for (int i = 0; i < 200; i++) {
                byte[] damaged = good.clone();
                damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
                assertCorruptOrEmpty(type, damaged);
                assertCorruptOrEmpty(type, java.util.Arrays.copyOf(good, random.nextInt(good.length)));
            }
        }
    }

    /** Decoding either succeeds (a flip may land where no check can see it) or fails as corrupt. */
    private static void assertCorruptOrEmpty(CompressionType type, byte[] input) {
        try {
            Compression.decompress(type, ByteBuffer.wrap(input), (byte) 2, 1024 * 1024);
        } catch (CorruptRecordException expected) {
            assertTrue(expected.getMessage().contains(type.name), expected.getMessage());
        }
    }
}
