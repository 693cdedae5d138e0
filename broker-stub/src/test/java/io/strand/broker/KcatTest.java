package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kcat (librdkafka) against a two-node broker: compressed produce, plain and group consume, metadata listing. */
class KcatTest {

    private static final Path KCAT = Path.of("/usr/bin/kcat");

    private static StubBroker broker;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(KCAT), "SKIPPED: kcat is not installed at " + KCAT
            + " (Debian package 'kcat'); the librdkafka compatibility tests did not run");
        broker = StubBroker.builder().nodes(2).build();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void producesWithLz4AndZstdAndConsumesThemBack(@TempDir Path dir) throws Exception {
        broker.createTopic("kcat-codecs", 2);
        List<String> sent = new ArrayList<>();
        for (String codec : List.of("lz4", "zstd")) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                lines.add(codec + "-message-" + i);
            }
            sent.addAll(lines);
            Path input = dir.resolve(codec + ".txt");
            Files.write(input, lines);
            Result r = run(input, "-P", "-b", broker.bootstrapServers(), "-t", "kcat-codecs", "-z", codec,
                "-X", "enable.idempotence=true");
            assertEquals(0, r.exit, r.output);
        }
        Result consumed = run(null, "-C", "-b", broker.bootstrapServers(), "-t", "kcat-codecs", "-o", "beginning",
            "-e", "-q", "-f", "%s\\n");
        assertEquals(0, consumed.exit, consumed.output);
        assertEquals(new TreeSet<>(sent), lines(consumed.output));
    }

    @Test
    void consumesInAGroup(@TempDir Path dir) throws Exception {
        broker.createTopic("kcat-group", 3);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add("g-" + i);
        }
        Path input = dir.resolve("in.txt");
        Files.write(input, lines);
        assertEquals(0, run(input, "-P", "-b", broker.bootstrapServers(), "-t", "kcat-group").exit);
        Result r = run(null, "-b", broker.bootstrapServers(), "-G", "kcat-group-g", "-o", "beginning", "-e", "-q",
            "-f", "%s\\n", "-X", "auto.offset.reset=earliest", "kcat-group");
        assertEquals(new TreeSet<>(lines), lines(r.output), r.output);
    }

    @Test
    void listsMetadata() throws Exception {
        broker.createTopic("kcat-listed", 4);
        Result r = run(null, "-L", "-b", broker.bootstrapServers());
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("2 brokers:"), r.output);
        assertTrue(r.output.contains("topic \"kcat-listed\" with 4 partitions"), r.output);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(KCAT.toString());
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kcat " + String.join(" ", args) + " did not finish in 60 s: "
                + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.exitValue(), out + (err.isEmpty() ? "" : "\n[stderr]\n" + err));
    }

    private static Set<String> lines(String output) {
        Set<String> out = new TreeSet<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("[stderr]")) {
                break;
            }
            if (!line.isBlank()) {
                out.add(line.trim());
            }
        }
        return out;
    }
}
