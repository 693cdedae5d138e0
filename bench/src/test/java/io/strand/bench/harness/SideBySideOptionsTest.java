package io.strand.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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
        assertMessage("--consumer-receive-buffers takes default, -1 or a size in bytes, not -2",
            "--consumer-receive-buffers", "default,-2");
    }

    @Test
    void consumerRowsAreEachLibrarysDefaultThenTheOsBuffer() {
        assertEquals(Arrays.asList(null, -1), SideBySide.Options.parse(new String[0]).consumerReceiveBuffers);
        assertEquals(Arrays.asList(null, 1048576), SideBySide.Options.parse(
            new String[] {"--consumer-receive-buffers", "default,1048576,default"}).consumerReceiveBuffers);
        assertEquals("consumer 100 B (group join included)", new ConsumerWorkload(100, 10, null).label());
        assertEquals("consumer 100 B (group join included), receive.buffer.bytes=-1 in both",
            new ConsumerWorkload(100, 10, -1).label());
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
