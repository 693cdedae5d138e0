package io.strand.common.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.strand.common.Uuid;
import io.strand.common.protocol.types.Field;
import io.strand.common.protocol.types.Struct;
import io.strand.common.protocol.types.StructSchema;
import io.strand.common.protocol.types.Type;
import io.strand.common.protocol.types.Types;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.MemoryRecords;

/**
 * Apache kafka-clients' generated message classes as the judge of Strand's definitions: the same
 * bytes decode to the same field values on both sides, and both sides encode the same bytes.
 */
final class ApacheOracle {

    private ApacheOracle() {
    }

    /** Strand encodes, Apache decodes and re-encodes, Strand decodes Apache's bytes. */
    static void roundTrip(ApiDefinition def, boolean request, short version, boolean nulls) throws Exception {
        StructSchema schema = request ? def.requestSchema() : def.responseSchema();
        Struct original = new StructFiller(nulls).fill(schema, version);

        ByteBuf strandBytes = Unpooled.buffer();
        if (request) {
            def.writeRequest(strandBytes, original, version);
        } else {
            def.writeResponse(strandBytes, original, version);
        }
        byte[] ours = ByteBufUtil.getBytes(strandBytes);
        int measured = request ? def.sizeOfRequest(original, version) : def.sizeOfResponse(original, version);
        assertEquals(ours.length, measured, () -> schema.name() + " v" + version + ": sizeOf disagrees with write");

        ApiMessage apache = apacheRead(def.api().name + (request ? "RequestData" : "ResponseData"), ours, version);
        compareStruct(original, apache, version, schema.name());

        byte[] theirs = apacheWrite(apache, version);
        assertArrayEquals(theirs, ours, () -> schema.name() + " v" + version + ": Apache re-encoded different bytes");

        ByteBuf in = Unpooled.wrappedBuffer(theirs);
        Struct decoded = request ? def.readRequest(in, version) : def.readResponse(in, version);
        assertEquals(0, in.readableBytes(), schema.name() + " v" + version + ": bytes left after decoding");
        assertEquals(original, decoded, schema.name() + " v" + version + ": Strand decoded Apache's bytes differently");
    }

    static ApiMessage apacheRead(String className, byte[] bytes, short version) throws Exception {
        Class<?> cls = Class.forName("org.apache.kafka.common.message." + className);
        ByteBufferAccessor accessor = new ByteBufferAccessor(ByteBuffer.wrap(bytes));
        ApiMessage m = (ApiMessage) cls.getConstructor(org.apache.kafka.common.protocol.Readable.class, short.class)
            .newInstance(accessor, version);
        assertEquals(0, accessor.remaining(), className + " v" + version + ": Apache left bytes unread");
        return m;
    }

    static byte[] apacheWrite(ApiMessage m, short version) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = m.size(cache, version);
        ByteBuffer buf = ByteBuffer.allocate(size);
        m.write(new ByteBufferAccessor(buf), cache, version);
        return buf.array();
    }

    private static void compareStruct(Struct ours, Object theirs, short version, String path) throws Exception {
        for (Field<?> f : ours.schema().fields()) {
            if (!f.isIn(version)) {
                continue;
            }
            Method getter = getter(theirs.getClass(), f.name(), path);
            compareValue(f.type(), ours.get(f), getter.invoke(theirs), version, path + "." + f.name());
        }
    }

    private static void compareValue(Type<?> type, Object ours, Object theirs, short version, String path)
        throws Exception {
        if (ours == null) {
            assertNull(theirs, path + ": Strand has null");
            return;
        }
        assertNotNull(theirs, path + ": Apache has null");
        if (type.elementType() != null) {
            List<?> list = (List<?>) ours;
            Iterator<?> it = ((Iterable<?>) theirs).iterator();
            for (int i = 0; i < list.size(); i++) {
                assertTrue(it.hasNext(), path + ": Apache has fewer elements");
                compareValue(type.elementType(), list.get(i), it.next(), version, path + "[" + i + "]");
            }
            assertTrue(!it.hasNext(), path + ": Apache has more elements");
        } else if (type.structSchema() != null) {
            compareStruct((Struct) ours, theirs, version, path);
        } else if (type == Types.UUID) {
            org.apache.kafka.common.Uuid u = (org.apache.kafka.common.Uuid) theirs;
            Uuid o = (Uuid) ours;
            assertEquals(o.getMostSignificantBits(), u.getMostSignificantBits(), path);
            assertEquals(o.getLeastSignificantBits(), u.getLeastSignificantBits(), path);
        } else if (type == Types.BYTES) {
            assertArrayEquals((byte[]) ours, (byte[]) theirs, path);
        } else if (type == Types.RECORDS) {
            BaseRecords r = (BaseRecords) theirs;
            ByteBuffer b = ((MemoryRecords) r).buffer().duplicate();
            byte[] t = new byte[b.remaining()];
            b.get(t);
            assertArrayEquals(ByteBufUtil.getBytes((ByteBuf) ours), t, path);
        } else if (ours instanceof Number && theirs instanceof Number) {
            assertEquals(((Number) ours).longValue(), ((Number) theirs).longValue(), path);
            if (ours instanceof Double) {
                assertEquals((Double) ours, ((Number) theirs).doubleValue(), path);
            }
        } else {
            assertEquals(ours, theirs, path);
        }
    }

    private static Method getter(Class<?> cls, String snake, String path) {
        String camel = camel(snake);
        try {
            return cls.getMethod(camel);
        } catch (NoSuchMethodException e) {
            fail(path + ": Apache's " + cls.getSimpleName() + " has no field " + snake + " (getter " + camel + "())");
            return null;
        }
    }

    static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                up = true;
                continue;
            }
            sb.append(up ? Character.toUpperCase(ch) : ch);
            up = false;
        }
        return sb.toString();
    }
}
