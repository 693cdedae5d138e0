package io.strand.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The side-by-side command's options and the client hosts' result lines. */
class SideBySideOptionsTest {

    @Test
    void badOptionsAreUsageErrorsNamingTheFlag() {
        assertMessage("Unknown option --bogus", "--bogus");
        assertMessage("--reps must be a whole number, not 'x'", "--reps", "x");
        assertMessage("--client-jvm-opts needs a value", "--client-jvm-opts");
        assertMessage("--brokers takes bundled and real, not 'x'", "--brokers", "x");
        assertMessage("--codecs takes", "--codecs", "brotli");
    }

    @Test
    void jvmOptionsSplitOnBlanksAndAnEmptyValueIsNone() {
        SideBySide.Options o = SideBySide.Options.parse(new String[] {"--client-jvm-opts", " -Xmx1g  -XX:+UseG1GC "});
        assertEquals(List.of("-Xmx1g", "-XX:+UseG1GC"), o.clientJvmOptions);
        assertEquals(List.of(), SideBySide.Options.parse(new String[] {"--client-jvm-opts", " "}).clientJvmOptions);
    }

    @Test
    void measurementsCrossTheHostPipeUnchanged() {
        Measurement m = new Measurement(2_000_000, 0.41, 4.87e6, 464.5, 0.15, 0.05, 0.02, Double.NaN, 489.25,
            Double.NaN, Double.NaN, Double.NaN, 17.0, 31.5, 2.25);
        assertEquals(m, ClientHost.decode(ClientHost.encode(m)));
        Measurement latency = m.withLatency(2.2, 6.34, 9.44);
        assertEquals(latency, ClientHost.decode(ClientHost.encode(latency)));
    }

    private static void assertMessage(String expected, String... args) {
        Args.UsageException e = assertThrows(Args.UsageException.class, () -> SideBySide.Options.parse(args));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
