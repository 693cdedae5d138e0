package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strand.common.message.ApiVersions;
import io.strand.common.message.Frames;
import io.strand.common.message.Metadata;
import io.strand.common.message.SaslHandshake;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.Errors;
import io.strand.common.protocol.ResponseHeader;
import io.strand.common.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad bytes on one connection: the broker answers where it can read the header, closes where it
 * cannot, and keeps serving everyone else (checked with Apache's Admin after each case).
 */
class MalformedInputTest {

    private static StubBroker broker;

    @BeforeAll
    static void start() {
        broker = StubBroker.builder().maxFrameBytes(64 * 1024).build();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @AfterEach
    void anApacheClientStillWorks() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            String topic = "after-" + System.nanoTime();
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            assertTrue(admin.listTopics().names().get().contains(topic));
        }
    }

    @Test
    void oversizedFrameClosesTheConnectionBeforeReadingIt() throws Exception {
        try (RawClient c = client()) {
            // Claims 1 GiB: refused on the size alone, nothing of it is sent or allocated.
            c.writeRaw(ByteBuffer.allocate(4).putInt(1 << 30).array());
            assertTrue(c.closedByBroker());
        }
    }

    @Test
    void negativeFrameSizeClosesTheConnection() throws Exception {
        try (RawClient c = client()) {
            c.writeRaw(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 1, 2, 3});
            assertTrue(c.closedByBroker());
        }
    }

    @Test
    void garbageHeaderClosesTheConnection() throws Exception {
        try (RawClient c = client()) {
            // 6 bytes: too short for key, version and correlation id.
            c.writeRaw(new byte[] {0, 0, 0, 6, 1, 2, 3, 4, 5, 6});
            assertTrue(c.closedByBroker());
        }
    }

    @Test
    void unknownApiKeyClosesTheConnection() throws Exception {
        try (RawClient c = client()) {
            c.writeRaw(frame(ByteBuffer.allocate(10).putShort((short) 999).putShort((short) 0).putInt(7)
                .putShort((short) -1).array()));
            assertTrue(c.closedByBroker());
        }
    }

    @Test
    void badBodyGetsInvalidRequestInTheApisOwnShape() throws Exception {
        try (RawClient c = client()) {
            // Metadata v1 whose topics array claims 1000 entries but has none.
            byte[] header = ByteBuffer.allocate(16).putShort(ApiKeys.METADATA.id).putShort((short) 1).putInt(42)
                .putShort((short) 2).put((byte) 'r').put((byte) 'c').putInt(1000).array();
            c.writeRaw(frame(header));
            Struct response = Frames.decodeResponse(Unpooled.wrappedBuffer(c.readFrame()), ApiKeys.METADATA,
                (short) 1, 42);
            assertEquals(0, response.get(Metadata.Response.TOPICS).size());
            // The connection stays usable.
            Struct ok = c.call(ApiKeys.METADATA, 1, Metadata.DEFINITION.newRequest());
            assertFalse(ok.get(Metadata.Response.BROKERS).isEmpty());
        }
    }

    @Test
    void truncatedFrameThenCloseLeavesTheBrokerServing() throws Exception {
        try (RawClient c = client()) {
            c.writeRaw(new byte[] {0, 0, 0, 100, 0, 18, 0, 0});
        }
        try (RawClient c = client()) {
            // A frame whose declared size is right but whose body ends early.
            c.writeRaw(frame(ByteBuffer.allocate(11).putShort(ApiKeys.CREATE_TOPICS.id).putShort((short) 4)
                .putInt(5).putShort((short) 0).put((byte) 0).array()));
            byte[] response = c.readFrame();
            assertEquals(5, ResponseHeader.peekCorrelationId(Unpooled.wrappedBuffer(response)));
        }
    }

    @Test
    void unservedApiGetsUnsupportedVersionNotADroppedConnection() throws Exception {
        try (RawClient c = client()) {
            Struct request = SaslHandshake.DEFINITION.newRequest();
            request.set(SaslHandshake.Request.MECHANISM, "PLAIN");
            Struct response = c.call(ApiKeys.SASL_HANDSHAKE, 1, request);
            assertEquals(Errors.UNSUPPORTED_VERSION.code(), response.getShort(SaslHandshake.Response.ERROR_CODE));
            assertFalse(c.call(ApiKeys.METADATA, 1, Metadata.DEFINITION.newRequest())
                .get(Metadata.Response.BROKERS).isEmpty());
        }
    }

    @Test
    void apiVersionsAboveTheRangeFallsBackToV0() throws Exception {
        try (RawClient c = client()) {
            // v99 with a body we cannot know: answered in v0 with UNSUPPORTED_VERSION and our ranges.
            c.writeRaw(frame(ByteBuffer.allocate(12).putShort(ApiKeys.API_VERSIONS.id).putShort((short) 99)
                .putInt(9).putShort((short) -1).put((byte) 0).put((byte) 0).array()));
            Struct response = Frames.decodeResponse(Unpooled.wrappedBuffer(c.readFrame()), ApiKeys.API_VERSIONS,
                (short) 0, 9);
            assertEquals(Errors.UNSUPPORTED_VERSION.code(), response.getShort(ApiVersions.Response.ERROR_CODE));
            assertTrue(response.get(ApiVersions.Response.API_KEYS).size() > 10);
        }
    }

    @Test
    void flexibleApiVersionsRequestIsAnswered() throws Exception {
        try (RawClient c = client()) {
            Struct request = ApiVersions.DEFINITION.newRequest();
            request.set(ApiVersions.Request.CLIENT_SOFTWARE_NAME, "raw-test");
            request.set(ApiVersions.Request.CLIENT_SOFTWARE_VERSION, "1.0");
            Struct response = c.call(ApiKeys.API_VERSIONS, 4, request);
            assertEquals(0, response.getShort(ApiVersions.Response.ERROR_CODE));
            Map<Short, Struct> byKey = new java.util.HashMap<>();
            for (Struct k : response.get(ApiVersions.Response.API_KEYS)) {
                byKey.put(k.get(ApiVersions.Response.ApiVersion.API_KEY), k);
            }
            assertTrue(byKey.containsKey(ApiKeys.PRODUCE.id));
            assertTrue(byKey.containsKey(ApiKeys.JOIN_GROUP.id));
            assertFalse(byKey.containsKey(ApiKeys.SASL_HANDSHAKE.id), "only APIs the broker serves are advertised");
            request.set(ApiVersions.Request.CLIENT_SOFTWARE_NAME, "bad name!");
            assertEquals(Errors.INVALID_REQUEST.code(),
                c.call(ApiKeys.API_VERSIONS, 3, request).getShort(ApiVersions.Response.ERROR_CODE));
        }
    }

    private static RawClient client() throws Exception {
        return new RawClient(broker.port(0));
    }

    private static byte[] frame(byte[] body) {
        ByteBuf b = Unpooled.buffer(4 + body.length).writeInt(body.length).writeBytes(body);
        return b.array();
    }
}
