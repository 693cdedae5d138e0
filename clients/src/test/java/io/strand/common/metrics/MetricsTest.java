package io.strand.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.Metric;
import io.strand.common.MetricName;
import io.strand.common.metrics.stats.Avg;
import io.strand.common.metrics.stats.CumulativeCount;
import io.strand.common.metrics.stats.CumulativeSum;
import io.strand.common.metrics.stats.Max;
import io.strand.common.metrics.stats.Min;
import io.strand.common.metrics.stats.Rate;
import io.strand.common.metrics.stats.Value;
import io.strand.common.metrics.stats.WindowedCount;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private final AtomicLong now = new AtomicLong(1_000_000L);
    private final Metrics metrics = new Metrics(new MetricConfig().samples(2).timeWindowMs(1000)
        .tags(Map.of("client-id", "c1")), now::get);

    @Test
    void metricNamesCompareByNameGroupAndTagsOnly() {
        MetricName a = new MetricName("n", "g", "one", Map.of("k", "v"));
        MetricName b = new MetricName("n", "g", "two", Map.of("k", "v"));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new MetricName("n", "g", "one", Map.of("k", "w")));
        assertNotEquals(a, new MetricName("n", "h", "one", Map.of("k", "v")));
        assertEquals(Map.of("client-id", "c1", "topic", "t"),
            metrics.metricName("x", "g", "d", "topic", "t").tags());
        assertThrows(IllegalArgumentException.class, () -> metrics.metricName("x", "g", "d", "odd"));
    }

    @Test
    void avgMaxMinOverTheWindows() {
        Sensor s = metrics.sensor("batch-size");
        MetricName avg = name("batch-size-avg");
        MetricName max = name("batch-size-max");
        MetricName min = name("batch-size-min");
        s.add(avg, new Avg());
        s.add(max, new Max());
        s.add(min, new Min());
        assertTrue(Double.isNaN(value(avg)));
        assertTrue(Double.isNaN(value(max)));
        s.record(10);
        s.record(30);
        now.addAndGet(1500); // second window
        s.record(20);
        assertEquals(20.0, value(avg));
        assertEquals(30.0, value(max));
        assertEquals(10.0, value(min));
        now.addAndGet(1000); // third window replaces the first
        s.record(50);
        assertEquals(35.0, value(avg));
        assertEquals(50.0, value(max));
        assertEquals(20.0, value(min));
        now.addAndGet(10_000); // everything expired
        assertTrue(Double.isNaN(value(avg)));
    }

    @Test
    void rateIsPerSecondOverTheWindows() {
        Sensor s = metrics.sensor("bytes");
        MetricName rate = name("byte-rate");
        MetricName count = name("record-send-rate");
        s.add(rate, new Rate());
        s.add(count, new Rate(new WindowedCount()));
        for (int i = 0; i < 10; i++) {
            s.record(100);
        }
        // Elapsed time is at least (samples - 1) windows: 1 s.
        assertEquals(1000.0, value(rate), 1e-9);
        assertEquals(10.0, value(count), 1e-9);
        now.addAndGet(1500);
        s.record(500);
        assertEquals(1500.0 / 1.5, value(rate), 1e-9);
        assertEquals(11 / 1.5, value(count), 1e-9);
        Sensor ms = metrics.sensor("per-ms");
        MetricName perMs = name("per-ms-rate");
        ms.add(perMs, new Rate(TimeUnit.MILLISECONDS));
        ms.record(1000);
        assertEquals(1.0, value(perMs), 1e-9);
    }

    @Test
    void cumulativeAndValueStats() {
        Sensor s = metrics.sensor("errors");
        s.add(name("record-error-total"), new CumulativeCount());
        s.add(name("bytes-total"), new CumulativeSum());
        s.add(name("last"), new Value());
        assertTrue(Double.isNaN(value(name("last"))));
        s.record(5);
        now.addAndGet(1_000_000);
        s.record(7);
        assertEquals(2.0, value(name("record-error-total")));
        assertEquals(12.0, value(name("bytes-total")));
        assertEquals(7.0, value(name("last")));
    }

    @Test
    void gaugesAndRegistry() {
        AtomicLong available = new AtomicLong(33554432);
        MetricName n = name("buffer-available-bytes");
        metrics.addMetric(n, (Gauge<Long>) (config, nowMs) -> available.get());
        assertEquals(33554432L, metrics.metric(n).metricValue());
        available.set(5);
        Map<MetricName, ? extends Metric> view = metrics.metrics();
        assertEquals(5L, view.get(n).metricValue());
        assertThrows(IllegalArgumentException.class, () -> metrics.addMetric(n, (Measurable) (c, t) -> 1.0));
        assertThrows(UnsupportedOperationException.class, () -> metrics.metrics().clear());
        Sensor s = metrics.sensor("s");
        assertSame(s, metrics.sensor("s"));
        assertFalse(s.add(n, new Avg()), "a taken name is not registered twice");
        assertFalse(s.hasMetrics());
        metrics.removeMetric(n);
        assertEquals(null, metrics.metric(n));
    }

    @Test
    void parentsSeeTheChildsRecords() {
        Sensor parent = metrics.sensor("all-topics");
        parent.add(name("total"), new CumulativeSum());
        Sensor child = metrics.sensor("topic-a", parent);
        child.add(name("topic-a-total"), new CumulativeSum());
        child.record(3);
        parent.record(4);
        assertEquals(7.0, value(name("total")));
        assertEquals(3.0, value(name("topic-a-total")));
    }

    @Test
    void concurrentRecordsAreAllCounted() throws InterruptedException {
        Sensor s = metrics.sensor("concurrent");
        s.add(name("count"), new CumulativeCount());
        s.add(name("avg"), new Avg());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    s.record(2.0);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(60_000);
        }
        assertEquals(200_000.0, value(name("count")));
        assertEquals(2.0, value(name("avg")));
    }

    @Test
    void recordingAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Metrics real = new Metrics();
        Sensor s = real.sensor("hot");
        s.add(real.metricName("a", "g", ""), new Avg());
        s.add(real.metricName("m", "g", ""), new Max());
        s.add(real.metricName("r", "g", ""), new Rate());
        s.add(real.metricName("c", "g", ""), new CumulativeCount());
        s.add(real.metricName("v", "g", ""), new Value());
        for (int i = 0; i < 20_000; i++) {
            s.record(i);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 200_000; i++) {
            s.record(i);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        // 200,000 records would allocate megabytes if each boxed or created a sample.
        assertTrue(allocated < 64 * 1024, "record() allocated " + allocated + " bytes");
    }

    private MetricName name(String n) {
        return metrics.metricName(n, "producer-metrics", "test");
    }

    private double value(MetricName n) {
        return (Double) metrics.metric(n).metricValue();
    }
}
