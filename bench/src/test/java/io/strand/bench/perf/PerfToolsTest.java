package io.strand.bench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The perf tools end to end against the bundled broker, with a few thousand records: output formats and exit codes. */
class PerfToolsTest {

    private static StubBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        broker = StubBroker.builder().build();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private record Result(int code, List<String> out, String err) {
    }

    @FunctionalInterface
    private interface Command {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private static Result run(Command command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    private static Result producerPerf(String... args) {
        return run(ProducerPerf::run, args);
    }

    private static Result consumerPerf(String... args) {
        return run(ConsumerPerf::run, args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"strand", "apache"})
    void producesThenConsumesWithApacheFormats(String client) throws Exception {
        String topic = "perf-" + client;
        broker.createTopic(topic, 2);
        Path config = dir.resolve("producer.properties");
        Files.writeString(config, "bootstrap.servers=" + broker.bootstrapServers() + "\nacks=1\n");
        Result p = producerPerf("--topic", topic, "--num-records", "3000", "--record-size", "100", "--throughput", "-1",
            "--producer.config", config.toString(), "--producer-props", "linger.ms=1", "--print-metrics", "--client", client);
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().get(0).matches("3000 records sent, [0-9.]+ records/sec \\([0-9.]+ MB/sec\\), [0-9.]+ ms avg latency,"
            + " [0-9.]+ ms max latency, \\d+ ms 50th, \\d+ ms 95th, \\d+ ms 99th, \\d+ ms 99\\.9th\\."), p.out().get(0));
        assertTrue(p.out().stream().anyMatch(l -> l.startsWith("Metric Name")), "metrics printed");

        Result c = consumerPerf("--bootstrap-server", broker.bootstrapServers(), "--topic", topic, "--messages", "3000",
            "--timeout", "30000", "--client", client);
        assertEquals(0, c.code(), c.err());
        assertEquals("start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,"
            + " rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec", c.out().get(0));
        String[] f = c.out().get(1).split(", ");
        assertEquals(10, f.length, c.out().get(1));
        assertEquals("0.2861", f[2]);
        assertEquals("3000", f[4]);
    }

    @Test
    void badCommandLinesExitWithOneAndSayWhy() {
        Result noProps = producerPerf("--topic", "t", "--num-records", "10", "--record-size", "10", "--throughput", "-1");
        assertEquals(1, noProps.code());
        assertTrue(noProps.err().contains("Either --producer-props or --producer.config must be specified."), noProps.err());
        Result twoPayloads = producerPerf("--topic", "t", "--num-records", "10", "--record-size", "10", "--payload-monotonic",
            "--throughput", "-1", "--bootstrap-server", "localhost:1");
        assertEquals(1, twoPayloads.code());
        assertTrue(twoPayloads.err().contains("exactly one of --record-size"), twoPayloads.err());
        Result badClient = producerPerf("--topic", "t", "--num-records", "10", "--record-size", "10", "--throughput", "-1",
            "--bootstrap-server", "localhost:1", "--client", "rdkafka");
        assertEquals(1, badClient.code());
        assertTrue(badClient.err().contains("--client must be strand or apache"), badClient.err());
        Result noTopic = consumerPerf("--bootstrap-server", "localhost:1", "--messages", "5");
        assertEquals(1, noTopic.code());
        assertTrue(noTopic.err().contains("--topic and --include"), noTopic.err());
        Result noMessages = consumerPerf("--bootstrap-server", "localhost:1", "--topic", "t");
        assertEquals(1, noMessages.code());
        assertTrue(noMessages.err().contains("--messages is required"), noMessages.err());
    }
}
