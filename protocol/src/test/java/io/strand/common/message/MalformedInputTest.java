package io.strand.common.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.strand.common.errors.ProtocolDecodeException;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.RequestHeader;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Untrusted bytes: every way a message can be cut short, lie about a length or be plain noise
 * ends in a ProtocolDecodeException that names the API, the version and the field, never in an
 * OutOfMemoryError, another exception type or a loop.
 */
class MalformedInputTest {

    static Stream<ApiKeys> apis() {
        return SelectedApis.get().stream();
    }

    /** Cut every valid encoding at every length: each cut is reported, with API and version named. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void everyTruncationIsATypedError(ApiKeys api) {
        ApiDefinition def = ApiDefinitions.of(api);
        for (short v = api.oldestVersion(); v <= api.latestVersion(); v++) {
            for (boolean request : new boolean[] {true, false}) {
                byte[] valid = encode(def, request, v);
                for (int cut = 0; cut < valid.length; cut++) {
                    ByteBuf in = Unpooled.wrappedBuffer(valid, 0, cut);
                    short version = v;
                    int at = cut;
                    ProtocolDecodeException e = assertThrows(ProtocolDecodeException.class,
                        () -> read(def, request, in, version), () -> api.name + " v" + version + " cut at " + at);
                    assertEquals(schema(def, request).name(), e.api());
                    assertEquals(v, e.version());
                }
            }
        }
    }

    /** Flip, overwrite and insert bytes in valid encodings: the decoder either reads a message or says why not. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void mutatedFramesDecodeOrFailTyped(ApiKeys api) {
        ApiDefinition def = ApiDefinitions.of(api);
        Random random = new Random(api.id * 7919L);
        for (short v = api.oldestVersion(); v <= api.latestVersion(); v++) {
            for (boolean request : new boolean[] {true, false}) {
                byte[] valid = encode(def, request, v);
                for (int i = 0; i < 300; i++) {
                    byte[] bad = valid.clone();
                    int mutations = 1 + random.nextInt(4);
                    for (int m = 0; m < mutations && bad.length > 0; m++) {
                        int at = random.nextInt(bad.length);
                        // 0xff and 0x7f make lengths negative or huge: the interesting lies
                        int choice = random.nextInt(3);
                        bad[at] = choice == 0 ? (byte) 0xff : choice == 1 ? (byte) 0x7f : (byte) random.nextInt(256);
                    }
                    decodeOrTypedError(def, request, v, bad);
                }
            }
        }
    }

    @Test
    void randomBytesAsAnyApiAndVersion() {
        Random random = new Random(42);
        ApiKeys[] apis = SelectedApis.get().toArray(new ApiKeys[0]);
        for (int i = 0; i < 20_000; i++) {
            ApiKeys api = apis[random.nextInt(apis.length)];
            short v = (short) (api.oldestVersion() + random.nextInt(api.latestVersion() - api.oldestVersion() + 1));
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            decodeOrTypedError(ApiDefinitions.of(api), random.nextBoolean(), v, bytes);
        }
    }

    @Test
    void hugeArrayCountIsRefusedBeforeAllocating() {
        // ProduceRequest v3: transactional_id null, acks, timeout, then topic_data claiming 2^31-1 topics.
        ByteBuf in = Unpooled.buffer().writeShort(-1).writeShort(1).writeInt(1000).writeInt(Integer.MAX_VALUE);
        ProtocolDecodeException e = assertThrows(ProtocolDecodeException.class,
            () -> Produce.DEFINITION.readRequest(in, (short) 3));
        assertEquals("topic_data", e.fieldPath());
        assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
    }

    @Test
    void hugeStringAndRecordsLengthsAreRefused() {
        ByteBuf in = Unpooled.buffer().writeShort(30000).writeBytes(new byte[10]);
        ProtocolDecodeException e = assertThrows(ProtocolDecodeException.class,
            () -> Produce.DEFINITION.readRequest(in, (short) 3));
        assertEquals("transactional_id", e.fieldPath());

        ByteBuf records = Unpooled.buffer().writeShort(-1).writeShort(1).writeInt(1000)
            .writeInt(1).writeShort(1).writeByte('t').writeInt(1).writeInt(0).writeInt(Integer.MAX_VALUE);
        e = assertThrows(ProtocolDecodeException.class, () -> Produce.DEFINITION.readRequest(records, (short) 3));
        assertEquals("topic_data[0].partition_data[0].records", e.fieldPath());
    }

    @Test
    void negativeLengthsAreRefused() {
        ByteBuf in = Unpooled.buffer().writeShort(-2);
        ProtocolDecodeException e = assertThrows(ProtocolDecodeException.class,
            () -> Produce.DEFINITION.readRequest(in, (short) 3));
        assertTrue(e.getMessage().contains("negative length -2"), e.getMessage());
    }

    @Test
    void endlessVarintIsRefused() {
        // ProduceRequest v9 is flexible: transactional_id's compact length never ends.
        ByteBuf in = Unpooled.buffer();
        for (int i = 0; i < 20; i++) {
            in.writeByte(0x80);
        }
        ProtocolDecodeException e = assertThrows(ProtocolDecodeException.class,
            () -> Produce.DEFINITION.readRequest(in, (short) 9));
        assertEquals("transactional_id", e.fieldPath());
    }

    @Test
    void unknownApiKeyAndShortHeaderAreNamed() {
        ByteBuf unknown = Unpooled.buffer().writeShort(999).writeShort(0).writeInt(7).writeShort(-1);
        ProtocolDecodeException e = assertThrows(ProtocolDecodeException.class, () -> Frames.decodeRequest(unknown));
        assertTrue(e.getMessage().contains("unknown API key 999"), e.getMessage());

        ProtocolDecodeException shortHeader = assertThrows(ProtocolDecodeException.class,
            () -> RequestHeader.read(Unpooled.buffer().writeShort(0)));
        assertEquals("RequestHeader", shortHeader.api());
    }

    @Test
    void unsupportedVersionIsNamed() {
        ByteBuf in = Unpooled.buffer().writeInt(0);
        ProtocolDecodeException e = assertThrows(ProtocolDecodeException.class,
            () -> Produce.DEFINITION.readRequest(in, (short) 2));
        assertTrue(e.getMessage().contains("unsupported version"), e.getMessage());
    }

    private static void decodeOrTypedError(ApiDefinition def, boolean request, short v, byte[] bytes) {
        try {
            read(def, request, Unpooled.wrappedBuffer(bytes), v);
        } catch (ProtocolDecodeException expected) {
            assertEquals(v, expected.version());
        } catch (Throwable t) {
            fail(def.api().name + " v" + v + " request=" + request + " threw " + t + " for "
                + ByteBufUtil.hexDump(bytes), t);
        }
    }

    private static byte[] encode(ApiDefinition def, boolean request, short v) {
        Struct s = new StructFiller(false).fill(schema(def, request), v);
        ByteBuf out = Unpooled.buffer();
        if (request) {
            def.writeRequest(out, s, v);
        } else {
            def.writeResponse(out, s, v);
        }
        return ByteBufUtil.getBytes(out);
    }

    private static StructSchema schema(ApiDefinition def, boolean request) {
        return request ? def.requestSchema() : def.responseSchema();
    }

    private static Struct read(ApiDefinition def, boolean request, ByteBuf in, short v) {
        return request ? def.readRequest(in, v) : def.readResponse(in, v);
    }
}
