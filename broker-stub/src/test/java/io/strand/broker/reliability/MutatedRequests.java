package io.strand.broker.reliability;

import io.strand.common.protocol.ApiKeys;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/** A seeded stream of request frames (size prefix excluded), each valid or broken in one of the mutator's ways. */
final class MutatedRequests {

    private final RequestCorpus corpus;
    private final FrameMutator mutator;
    private final Map<FrameMutator.Kind, Integer> counts = new EnumMap<>(FrameMutator.Kind.class);
    private int correlationId;
    private FrameMutator.Kind lastKind;

    MutatedRequests(long seed) {
        Random random = new Random(seed);
        this.corpus = new RequestCorpus(random);
        this.mutator = new FrameMutator(random);
    }

    RequestCorpus corpus() {
        return corpus;
    }

    byte[] next() {
        FrameMutator.Kind kind = mutator.pickKind();
        byte[] valid = corpus.any(++correlationId);
        byte[] out = switch (kind) {
            case VALID -> valid;
            case BODY -> mutator.mutateBody(valid);
            case TRUNCATED -> mutator.truncate(valid);
            case HEADER -> mutator.mutateHeader(valid);
            case WRONG_API -> mutator.wrongApi(valid, corpus.any(correlationId));
            case RANDOM -> mutator.randomBytes();
        };
        counts.merge(kind, 1, Integer::sum);
        lastKind = kind;
        return out;
    }

    /** A valid request of this API and version. */
    byte[] valid(ApiKeys api, short version) {
        return corpus.request(api, version, ++correlationId);
    }

    FrameMutator.Kind lastKind() {
        return lastKind;
    }

    Map<FrameMutator.Kind, Integer> counts() {
        return counts;
    }
}
