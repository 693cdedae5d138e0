package io.strand.broker.reliability;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.strand.common.message.ApiDefinitions;
import io.strand.common.message.Frames;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.RequestHeader;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Valid request frames (size prefix excluded) of every API and version the protocol module
 * defines, filled by {@link RandomStructs}, so that many of them mean something to the broker:
 * topics that exist or get created, partitions 0 to 3, short timeouts, Produce bodies carrying
 * a real record batch.
 */
final class RequestCorpus {

    private final Random random;
    private final RandomStructs structs;
    private final List<short[]> apiVersions = new ArrayList<>();

    RequestCorpus(Random random) {
        this.random = random;
        this.structs = new RandomStructs(random);
        for (ApiKeys api : ApiKeys.values()) {
            for (short v = api.oldestVersion(); v <= api.latestVersion(); v++) {
                apiVersions.add(new short[] {api.id, v});
            }
        }
    }

    /** Every (API key, version) pair the corpus covers. */
    List<short[]> apiVersions() {
        return apiVersions;
    }

    /** A valid request of a random API and version. */
    byte[] any(int correlationId) {
        short[] av = apiVersions.get(random.nextInt(apiVersions.size()));
        return request(ApiKeys.forId(av[0]), av[1], correlationId);
    }

    byte[] request(ApiKeys api, short version, int correlationId) {
        Struct body = structs.fill(ApiDefinitions.of(api).requestSchema(), version);
        String clientId = random.nextInt(8) == 0 ? null : "fuzzer-" + random.nextInt(3);
        ByteBuf frame = Frames.encodeRequest(ByteBufAllocator.DEFAULT, new RequestHeader(api, version, clientId,
            correlationId), body);
        try {
            frame.skipBytes(4);
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
            RandomStructs.release(body);
        }
    }

}
