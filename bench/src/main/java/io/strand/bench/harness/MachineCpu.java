package io.strand.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time, from the first line of Linux's /proc/stat: what every process
 * used, and what the hypervisor gave to other machines (steal). A run's client and broker CPU
 * subtracted from the first tells what else ran beside them; on a shared 2-core machine that is
 * what makes two runs of one cell differ.
 */
final class MachineCpu {

    private static final Path STAT = Path.of("/proc/stat");
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on every Linux the harness runs on

    /** Busy (neither idle nor waiting for I/O) and stolen CPU time, or both -1 where /proc/stat is not readable. */
    record Sample(long busyNanos, long stealNanos) {
        boolean known() {
            return busyNanos >= 0;
        }
    }

    private MachineCpu() {
    }

    static Sample read() {
        try {
            String line = Files.readAllLines(STAT).get(0);
            String[] f = line.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal guest guest_nice; guest time is in user already
            long busy = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            return new Sample((busy - steal) * NANOS_PER_TICK, steal * NANOS_PER_TICK);
        } catch (IOException | RuntimeException e) {
            return new Sample(-1, -1);
        }
    }
}
