package io.strand.bench.harness;

import io.strand.broker.StubBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How long the bundled broker takes from {@code StubBroker.builder().build()} to answering a
 * client's first requests (ApiVersions, then Metadata) on a plain socket.
 *
 * <p>Every start runs in a child JVM, so the figures do not depend on what the calling JVM has
 * loaded: one child starts and closes the broker {@code starts} times in a row (the in-process
 * figure, the median of those, a warm JVM after the first); {@code fresh} more children start it
 * once each (the cold figure: class loading and JIT included), and for those the time from
 * launching {@code java} to the answer is measured too.
 */
public final class BrokerStartup {

    /**
     * Milliseconds from build() to the ApiVersions and the Metadata answer, and the CPU time the
     * whole JVM had used by then (launch, class loading and JIT threads included): on a busy
     * machine the CPU time says more than the wall-clock time, which waits for a core.
     */
    public record Start(double apiVersionsMs, double metadataMs, double jvmCpuMs) {
    }

    /** What {@link #measure} found. */
    public record Report(List<Start> inOneJvm, List<Start> freshJvms, List<Double> launchToMetadataMs) {

        /** Median of the starts in one JVM, to the Metadata answer. */
        public double inProcessMedianMs() {
            return Stats.median(inOneJvm.stream().map(Start::metadataMs).toList());
        }

        /** Median over fresh JVMs (their one start, cold), to the Metadata answer. */
        public double freshMedianMs() {
            return Stats.median(freshJvms.stream().map(Start::metadataMs).toList());
        }

        public double freshMaxMs() {
            return freshJvms.stream().mapToDouble(Start::metadataMs).max().orElse(Double.NaN);
        }

        public double launchMedianMs() {
            return Stats.median(launchToMetadataMs);
        }

        public double freshCpuMedianMs() {
            return Stats.median(freshJvms.stream().map(Start::jvmCpuMs).toList());
        }

        public List<String> describe() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "in one JVM, %d starts: median %.1f ms to the Metadata answer (ApiVersions %.1f ms); "
                    + "first %.1f ms, min %.1f, max %.1f", inOneJvm.size(), inProcessMedianMs(),
                Stats.median(inOneJvm.stream().map(Start::apiVersionsMs).toList()), inOneJvm.get(0).metadataMs(),
                inOneJvm.stream().mapToDouble(Start::metadataMs).min().orElse(0),
                inOneJvm.stream().mapToDouble(Start::metadataMs).max().orElse(0)));
            lines.add(String.format(Locale.ROOT, "fresh JVM, first start, %d JVMs: median %.1f ms to the Metadata answer (max %.1f); "
                    + "launching java to the answer: median %.1f ms; CPU time the JVM had used by the answer: median %.0f ms",
                freshJvms.size(), freshMedianMs(), freshMaxMs(), launchMedianMs(), freshCpuMedianMs()));
            return lines;
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private BrokerStartup() {
    }

    /** The {@code broker-startup [--starts N] [--fresh K]} command. */
    public static int run(String[] args) throws Exception {
        int starts = 20;
        int fresh = 5;
        boolean child = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--starts" -> starts = Args.positiveInt("--starts", Args.value(args, ++i, "--starts"));
                case "--fresh" -> fresh = Args.nonNegativeInt("--fresh", Args.value(args, ++i, "--fresh"));
                case "--child" -> child = true;
                case "--help", "-h" -> {
                    System.out.println("broker-startup [--starts N (20)] [--fresh K (5)]: time from StubBroker.builder().build()"
                        + " to the first ApiVersions and Metadata answers, N starts in one JVM and one start in each of K fresh JVMs.");
                    return 0;
                }
                default -> throw new Args.UsageException("Unknown option " + args[i] + " (try --help)");
            }
        }
        if (child) {
            childMain(starts);
            return 0;
        }
        measure(starts, fresh).describe().forEach(System.out::println);
        return 0;
    }

    public static Report measure(int starts, int fresh) throws IOException, InterruptedException {
        List<Start> inOne = new ArrayList<>();
        runChild(starts, inOne);
        List<Start> freshStarts = new ArrayList<>();
        List<Double> launch = new ArrayList<>();
        for (int i = 0; i < fresh; i++) {
            List<Start> one = new ArrayList<>();
            launch.add(runChild(1, one));
            freshStarts.add(one.get(0));
        }
        return new Report(inOne, freshStarts, launch);
    }

    /** Runs a child JVM that starts the broker {@code starts} times; returns ms from launch to its first answer. */
    private static double runChild(int starts, List<Start> out) throws IOException, InterruptedException {
        long launched = System.nanoTime();
        Process p = ChildJvm.command(List.of(), BrokerStartup.class, List.of("--child", "--starts", Integer.toString(starts)))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        double launchToFirst = Double.NaN;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(" ");
                if (f.length == 4 && f[0].equals("start")) {
                    if (out.isEmpty()) {
                        launchToFirst = (System.nanoTime() - launched) / 1e6;
                    }
                    out.add(new Start(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
                }
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.size() != starts) {
            p.destroyForcibly();
            throw new IOException("The start-up child failed: exit " + (p.isAlive() ? "none" : p.exitValue())
                + ", " + out.size() + " of " + starts + " starts reported");
        }
        return launchToFirst;
    }

    /** In the child: start, probe, close, {@code starts} times; one "start apiMs metadataMs" line each. */
    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    private static void childMain(int starts) throws IOException {
        for (int i = 0; i < starts; i++) {
            long t0 = System.nanoTime();
            FirstRequestProbe.Served served;
            try (StubBroker broker = StubBroker.builder().build()) {
                served = FirstRequestProbe.run("127.0.0.1", broker.nodes().get(0).port(), 30_000);
            }
            double cpuMs = OS.getProcessCpuTime() / 1e6;
            System.out.printf(Locale.ROOT, "start %.3f %.3f %.1f%n", (served.apiVersionsAt() - t0) / 1e6,
                (served.metadataAt() - t0) / 1e6, cpuMs);
            System.out.flush();
        }
    }
}
