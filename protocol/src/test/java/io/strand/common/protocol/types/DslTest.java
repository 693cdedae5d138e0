package io.strand.common.protocol.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.strand.common.Uuid;
import io.strand.common.errors.UnsupportedVersionException;
import io.strand.common.message.ApiVersions;
import io.strand.common.message.Produce;
import io.strand.common.utils.ByteUtils;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of the definition language itself, independent of any one API's facts. */
class DslTest {

    @Test
    void nonDefaultValueInAVersionWithoutTheFieldIsAnError() {
        Struct topic = Produce.Request.TopicData.SCHEMA.newStruct()
            .set(Produce.Request.TopicData.TOPIC_ID, Uuid.randomUuid());
        Struct request = Produce.DEFINITION.newRequest().set(Produce.Request.TOPIC_DATA, List.of(topic));
        UnsupportedVersionException e = assertThrows(UnsupportedVersionException.class,
            () -> Produce.DEFINITION.writeRequest(Unpooled.buffer(), request, (short) 12));
        assertTrue(e.getMessage().contains("topic_id"), e.getMessage());
        assertTrue(e.getMessage().contains("version 12"), e.getMessage());
    }

    @Test
    void defaultValueInAVersionWithoutTheFieldIsFine() {
        Struct topic = Produce.Request.TopicData.SCHEMA.newStruct().set(Produce.Request.TopicData.NAME, "t");
        Struct request = Produce.DEFINITION.newRequest().set(Produce.Request.TOPIC_DATA, List.of(topic));
        Produce.DEFINITION.writeRequest(Unpooled.buffer(), request, (short) 12);
    }

    @Test
    void ignorableFieldsAreDroppedWhereTheVersionHasNoPlaceForThem() {
        Struct response = ApiVersions.DEFINITION.newResponse().set(ApiVersions.Response.THROTTLE_TIME_MS, 100);
        ByteBuf out = Unpooled.buffer();
        ApiVersions.DEFINITION.writeResponse(out, response, (short) 0);
        assertEquals(0, ApiVersions.DEFINITION.readResponse(out, (short) 0).getInt(ApiVersions.Response.THROTTLE_TIME_MS));
    }

    @Test
    void nullWhereTheVersionDoesNotAllowItIsAnError() {
        Struct request = Produce.DEFINITION.newRequest().set(Produce.Request.TOPIC_DATA, null);
        SchemaException e = assertThrows(SchemaException.class,
            () -> Produce.DEFINITION.writeRequest(Unpooled.buffer(), request, (short) 3));
        assertTrue(e.getMessage().contains("topic_data"), e.getMessage());
    }

    @Test
    void wrongValueTypeAndForeignFieldAreRefused() {
        Struct request = Produce.DEFINITION.newRequest();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Field<Object> acks = (Field) Produce.Request.ACKS;
        assertThrows(SchemaException.class, () -> request.set(acks, "all"));
        assertThrows(SchemaException.class, () -> request.get(Produce.Request.TopicData.NAME));
        assertThrows(SchemaException.class, () -> request.setShort(Produce.Request.ACKS, 70000));
    }

    @Test
    void fieldsAreFrozenOnceInASchema() {
        assertThrows(SchemaException.class, () -> Produce.Request.ACKS.versions(5));
        Field<Integer> f = Field.int32("x");
        StructSchema.of("A", f);
        assertThrows(SchemaException.class, () -> StructSchema.of("B", f));
    }

    @Test
    void defaultsAreSetOnNewStructs() {
        Struct s = Produce.Response.PartitionResponse.SCHEMA.newStruct();
        assertEquals(-1L, s.getLong(Produce.Response.PartitionResponse.LOG_APPEND_TIME_MS));
        assertNull(s.get(Produce.Response.PartitionResponse.ERROR_MESSAGE));
        assertTrue(s.get(Produce.Response.PartitionResponse.RECORD_ERRORS).isEmpty());
    }

    @Test
    void unknownTaggedFieldsSurviveARoundTrip() {
        // An ApiVersions v3 response from a newer broker, with an extra tag 9 this definition lacks.
        ByteBuf in = Unpooled.buffer();
        in.writeShort(0);                               // error_code
        ByteUtils.writeUnsignedVarint(1, in);           // api_keys: empty compact array
        in.writeInt(0);                                 // throttle_time_ms
        ByteUtils.writeUnsignedVarint(2, in);           // two tagged fields
        ByteUtils.writeUnsignedVarint(1, in);           // tag 1: finalized_features_epoch
        ByteUtils.writeUnsignedVarint(8, in);
        in.writeLong(77L);
        ByteUtils.writeUnsignedVarint(9, in);           // tag 9: unknown
        ByteUtils.writeUnsignedVarint(3, in);
        in.writeBytes(new byte[] {1, 2, 3});
        byte[] original = ByteBufUtil.getBytes(in);

        Struct s = ApiVersions.DEFINITION.readResponse(Unpooled.wrappedBuffer(original), (short) 3);
        assertEquals(77L, s.getLong(ApiVersions.Response.FINALIZED_FEATURES_EPOCH));
        assertEquals(1, s.unknownTaggedFields().size());
        assertEquals(9, s.unknownTaggedFields().get(0).tag());

        ByteBuf out = Unpooled.buffer();
        ApiVersions.DEFINITION.writeResponse(out, s, (short) 3);
        assertEquals(ByteBufUtil.hexDump(original), ByteBufUtil.hexDump(out));
    }

    @Test
    void taggedFieldsMustAscend() {
        ByteBuf in = Unpooled.buffer();
        in.writeShort(0);
        ByteUtils.writeUnsignedVarint(1, in);
        in.writeInt(0);
        ByteUtils.writeUnsignedVarint(2, in);
        ByteUtils.writeUnsignedVarint(3, in);
        ByteUtils.writeUnsignedVarint(1, in);
        in.writeByte(1);
        ByteUtils.writeUnsignedVarint(1, in);
        ByteUtils.writeUnsignedVarint(8, in);
        in.writeLong(5);
        assertThrows(io.strand.common.errors.ProtocolDecodeException.class,
            () -> ApiVersions.DEFINITION.readResponse(in, (short) 3));
    }

    @Test
    void varintsMatchTheirSizes() {
        int[] samples = {0, 1, 63, 64, 127, 128, 16383, 16384, Integer.MAX_VALUE, -1, Integer.MIN_VALUE};
        for (int v : samples) {
            ByteBuf b = Unpooled.buffer();
            ByteUtils.writeVarint(v, b);
            assertEquals(ByteUtils.sizeOfVarint(v), b.readableBytes(), "varint " + v);
            assertEquals(v, ByteUtils.readVarint(b));
            ByteBuf u = Unpooled.buffer();
            ByteUtils.writeUnsignedVarint(v, u);
            assertEquals(ByteUtils.sizeOfUnsignedVarint(v), u.readableBytes(), "unsigned varint " + v);
            assertEquals(v, ByteUtils.readUnsignedVarint(u));
        }
        long[] longs = {0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 35};
        for (long v : longs) {
            ByteBuf b = Unpooled.buffer();
            ByteUtils.writeVarlong(v, b);
            assertEquals(ByteUtils.sizeOfVarlong(v), b.readableBytes(), "varlong " + v);
            assertEquals(v, ByteUtils.readVarlong(b));
        }
    }

    @Test
    void varintsAgreeWithApache() {
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 10_000; i++) {
            int v = r.nextInt() >> r.nextInt(32);
            long l = r.nextLong() >> r.nextInt(64);
            java.nio.ByteBuffer theirs = java.nio.ByteBuffer.allocate(32);
            org.apache.kafka.common.utils.ByteUtils.writeVarint(v, theirs);
            org.apache.kafka.common.utils.ByteUtils.writeVarlong(l, theirs);
            org.apache.kafka.common.utils.ByteUtils.writeUnsignedVarint(v, theirs);
            theirs.flip();
            ByteBuf ours = Unpooled.buffer();
            ByteUtils.writeVarint(v, ours);
            ByteUtils.writeVarlong(l, ours);
            ByteUtils.writeUnsignedVarint(v, ours);
            assertEquals(ByteBufUtil.hexDump(Unpooled.wrappedBuffer(theirs)), ByteBufUtil.hexDump(ours));
        }
    }
}
