package io.strand.bench.harness;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU and heap allocation of this JVM (a client host's), the broker's CPU and the rest of the
 * machine's, for the per-record figures. Allocation is summed over
 * the threads alive at both ends of a run (a client's threads live until it is closed, and the
 * harness reads before closing); threads that started and ended within the run are missed.
 */
final class Resources {

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long cpu;
    private final long brokerCpu;
    private final MachineCpu.Sample machine;
    private final Map<Long, Long> allocated;
    private final BrokerTarget broker;

    private Resources(BrokerTarget broker) {
        this.broker = broker;
        this.allocated = allocatedByThread();
        this.brokerCpu = broker.cpuNanos();
        this.cpu = OS.getProcessCpuTime();
        this.machine = MachineCpu.read();
    }

    /** Starts counting. */
    static Resources start(BrokerTarget broker) {
        return new Resources(broker);
    }

    long clientCpuNanos() {
        return OS.getProcessCpuTime() - cpu;
    }

    long brokerCpuNanos() {
        return broker.cpuNanos() - brokerCpu;
    }

    /**
     * CPU time every other process on the machine used since the start (the other library's host
     * JVM, the other broker, the system), or -1 where the machine's total is not readable.
     */
    long othersCpuNanos() {
        MachineCpu.Sample now = MachineCpu.read();
        if (!machine.known() || !now.known()) {
            return -1;
        }
        return Math.max(0, now.busyNanos() - machine.busyNanos() - clientCpuNanos() - brokerCpuNanos());
    }

    /** CPU time the hypervisor gave to other machines since the start, or -1 where it is not readable. */
    long stealNanos() {
        MachineCpu.Sample now = MachineCpu.read();
        return machine.known() && now.known() ? now.stealNanos() - machine.stealNanos() : -1;
    }

    long allocatedBytes() {
        long sum = 0;
        for (Map.Entry<Long, Long> e : allocatedByThread().entrySet()) {
            sum += e.getValue() - allocated.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    private static Map<Long, Long> allocatedByThread() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> out = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                out.put(ids[i], bytes[i]);
            }
        }
        return out;
    }
}
