package io.strand.clients.reliability;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.strand.broker.reliability.FrameMutator;
import io.strand.broker.reliability.RandomStructs;
import io.strand.common.message.ApiDefinitions;
import io.strand.common.message.Frames;
import io.strand.common.protocol.ApiKeys;
import io.strand.common.protocol.types.Struct;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Response frames (size prefix excluded) of every API and version, valid or broken by the
 * broker fuzzer's mutator: mutated bodies, cuts, lying correlation ids, another API's body,
 * random bytes.
 */
final class ResponseCorpus {

    private final Random random;
    private final RandomStructs structs;
    private final FrameMutator mutator;
    private final List<short[]> apiVersions = new ArrayList<>();
    private final Map<FrameMutator.Kind, Integer> counts = new EnumMap<>(FrameMutator.Kind.class);
    private FrameMutator.Kind lastKind;

    ResponseCorpus(long seed) {
        this.random = new Random(seed);
        this.structs = new RandomStructs(random);
        this.mutator = new FrameMutator(random);
        for (ApiKeys api : ApiKeys.values()) {
            for (short v = api.oldestVersion(); v <= api.latestVersion(); v++) {
                apiVersions.add(new short[] {api.id, v});
            }
        }
    }

    List<short[]> apiVersions() {
        return apiVersions;
    }

    short[] anyApiVersion() {
        return apiVersions.get(random.nextInt(apiVersions.size()));
    }

    /** A valid response to {@code api} at {@code version}. */
    byte[] valid(ApiKeys api, short version, int correlationId) {
        Struct body = structs.fill(ApiDefinitions.of(api).responseSchema(), version);
        ByteBuf frame = Frames.encodeResponse(ByteBufAllocator.DEFAULT, api, version, correlationId, body);
        try {
            frame.skipBytes(4);
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
            RandomStructs.release(body);
        }
    }

    /** What a broker might send back to a request of {@code api} at {@code version}: valid or broken. */
    byte[] answer(ApiKeys api, short version, int correlationId) {
        FrameMutator.Kind kind = mutator.pickKind();
        byte[] valid = valid(api, version, correlationId);
        byte[] out = switch (kind) {
            case VALID -> valid;
            case BODY -> mutator.mutateBody(valid);
            case TRUNCATED -> mutator.truncate(valid);
            // In a response the first four bytes are the correlation id.
            case HEADER -> mutator.mutateHeader(valid);
            case WRONG_API -> {
                short[] other = anyApiVersion();
                yield valid(ApiKeys.forId(other[0]), other[1], correlationId);
            }
            case RANDOM -> mutator.randomBytes();
        };
        counts.merge(kind, 1, Integer::sum);
        lastKind = kind;
        return out;
    }

    FrameMutator.Kind lastKind() {
        return lastKind;
    }

    Map<FrameMutator.Kind, Integer> counts() {
        return counts;
    }
}
