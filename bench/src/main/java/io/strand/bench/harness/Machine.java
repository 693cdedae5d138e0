package io.strand.bench.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on: CPU, memory, JDK, and how busy the machine was. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "%d vCPUs (%s), %.0f GiB; %s %s %s",
            Runtime.getRuntime().availableProcessors(), cpuModel(), os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
            System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), System.getProperty("os.name"));
    }

    /** The 1, 5 and 15 minute load averages, from /proc/loadavg where there is one. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String l : lines) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}
