package io.strand.bench.clients;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** Flattens a client's metrics into the "group:name:{tags}" keys the Apache tools print. */
final class Metrics {

    private Metrics() {
    }

    static <N, M> SortedMap<String, Object> flatten(Map<N, M> metrics, Function<N, String> group,
                                                    Function<N, String> name, Function<N, Map<String, String>> tags,
                                                    Function<M, Object> value) {
        SortedMap<String, Object> out = new TreeMap<>();
        metrics.forEach((n, m) -> out.put(group.apply(n) + ":" + name.apply(n) + ":" + new TreeMap<>(tags.apply(n)),
            value.apply(m)));
        return out;
    }
}
