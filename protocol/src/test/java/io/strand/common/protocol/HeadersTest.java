package io.strand.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.strand.common.message.ApiVersions;
import io.strand.common.message.Frames;
import io.strand.common.message.RequestFrame;
import io.strand.common.protocol.types.Struct;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.MessageUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Request headers v1-v2 and response headers v0-v1, byte for byte against Apache's. */
class HeadersTest {

    @ParameterizedTest
    @EnumSource(ApiKeys.class)
    void requestHeadersMatchApache(ApiKeys api) {
        for (short v = api.oldestVersion(); v <= api.latestVersion(); v++) {
            for (String clientId : new String[] {"strand-client-\u00e9", null}) {
                RequestHeader ours = new RequestHeader(api, v, clientId, 12345);
                ByteBuf out = Unpooled.buffer();
                ours.write(out);
                RequestHeaderData theirs = new RequestHeaderData().setRequestApiKey(api.id).setRequestApiVersion(v)
                    .setCorrelationId(12345).setClientId(clientId);
                ByteBuffer expected = MessageUtil.toByteBufferAccessor(theirs, ours.headerVersion()).buffer();
                assertEquals(ByteBufUtil.hexDump(Unpooled.wrappedBuffer(expected)), ByteBufUtil.hexDump(out),
                    api.name + " v" + v);

                RequestHeader back = RequestHeader.read(out);
                assertEquals(api, back.api());
                assertEquals(v, back.apiVersion());
                assertEquals(12345, back.correlationId());
                assertEquals(clientId, back.clientId());
                assertEquals(ours.headerVersion(), back.headerVersion());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ApiKeys.class)
    void responseHeadersMatchApache(ApiKeys api) {
        for (short v = api.oldestVersion(); v <= api.latestVersion(); v++) {
            short hv = api.responseHeaderVersion(v);
            ByteBuf out = Unpooled.buffer();
            new ResponseHeader(-7, hv).write(out);
            ByteBuffer expected = MessageUtil.toByteBufferAccessor(new ResponseHeaderData().setCorrelationId(-7), hv)
                .buffer();
            assertEquals(ByteBufUtil.hexDump(Unpooled.wrappedBuffer(expected)), ByteBufUtil.hexDump(out));
            assertEquals(-7, ResponseHeader.read(out, hv).correlationId());
        }
    }

    @org.junit.jupiter.api.Test
    void wholeFramesRoundTrip() {
        short v = 3;
        Struct body = ApiVersions.DEFINITION.newRequest()
            .set(ApiVersions.Request.CLIENT_SOFTWARE_NAME, "strand")
            .set(ApiVersions.Request.CLIENT_SOFTWARE_VERSION, "0.1.0");
        ByteBuf frame = Frames.encodeRequest(io.netty.buffer.ByteBufAllocator.DEFAULT,
            new RequestHeader(ApiKeys.API_VERSIONS, v, "c1", 9), body);
        try {
            assertEquals(frame.readableBytes() - 4, frame.readInt());
            RequestFrame decoded = Frames.decodeRequest(frame);
            assertEquals(body, decoded.body());
            assertEquals("c1", decoded.header().clientId());
        } finally {
            frame.release();
        }

        Struct response = ApiVersions.DEFINITION.newResponse().set(ApiVersions.Response.ERROR_CODE, (short) 35);
        ByteBuf rframe = Frames.encodeResponse(io.netty.buffer.ByteBufAllocator.DEFAULT, ApiKeys.API_VERSIONS, v, 9,
            response);
        try {
            rframe.skipBytes(4);
            assertEquals(response, Frames.decodeResponse(rframe, ApiKeys.API_VERSIONS, v, 9));
        } finally {
            rframe.release();
        }
    }
}
