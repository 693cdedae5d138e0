package io.strand.bench.harness;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * For looking into a result: with {@code -Dbench.metrics=REGEX} the harness logs, after each
 * run, the client metrics ("group:name:{tags}") that the regular expression matches, for
 * example {@code -Dbench.metrics='.*(batch-size-avg|fetch-latency-max):\\{client-id=[^,]*\\}'}.
 */
final class ClientMetricsLog {

    private static final String PROPERTY = "bench.metrics";

    private ClientMetricsLog() {
    }

    static void print(BrokerTarget broker, Map<String, Object> metrics) {
        String regex = System.getProperty(PROPERTY);
        if (regex == null) {
            return;
        }
        Pattern p = Pattern.compile(regex);
        metrics.forEach((name, value) -> {
            if (p.matcher(name).matches()) {
                System.err.println("    " + broker.kind().label() + " " + name + " = " + value);
            }
        });
    }
}
