package io.strand.bench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void totalLineHasTheApacheFormatAndPercentiles() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        LatencyStats stats = new LatencyStats(1000, false, 1_000_000, new PrintStream(buf, true, StandardCharsets.UTF_8));
        long now = System.currentTimeMillis();
        for (int i = 1; i <= 1000; i++) {
            stats.record(i, 100, now);
        }
        stats.printTotal();
        String line = buf.toString(StandardCharsets.UTF_8).trim();
        assertTrue(line.matches("1000 records sent, [0-9.]+ records/sec \\([0-9.]+ MB/sec\\), 500\\.50 ms avg latency, "
            + "1000\\.00 ms max latency, 501 ms 50th, 951 ms 95th, 991 ms 99th, 1000 ms 99\\.9th\\."), line);
    }

    @Test
    void windowLineEveryInterval() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        LatencyStats stats = new LatencyStats(10, true, 1, new PrintStream(buf, true, StandardCharsets.UTF_8));
        stats.record(4, 10, System.currentTimeMillis() + 5);
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("In steady state.\n1 records sent, "), out);
        assertTrue(out.contains("4.0 ms avg latency, 4.0 ms max latency."), out);
        assertEquals(1, stats.count());
    }
}
