package io.strand.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import io.strand.broker.StubBrokerExtension;
import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.common.serialization.StringDeserializer;
import io.strand.examples.cli.Cli;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(StubBrokerExtension.class)
class ConsumerExamplesTest {

    static StubBroker broker;

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void autoCommitReadsEveryRecordAndLeavesItsOffsetsCommitted() {
        CliRun run = CliRun.of("consumer-auto-commit", "--bootstrap-server", broker.bootstrapServers(),
            "--topic", "auto", "--group", "auto-group", "--records", "12");
        assertEquals(Cli.OK, run.status(), run::toString);
        assertEquals(12, run.linesStartingWith("partition = "), run::toString);
        assertEquals(Apache.endOffsets(broker.bootstrapServers(), "auto"),
            Apache.committed(broker.bootstrapServers(), "auto-group", "auto"));
    }

    @Test
    void manualCommitCommitsWhatItProcessed() {
        String topic = "manual";
        broker.createTopic(topic, 3);
        SampleRecords.write(broker.bootstrapServers(), topic, 15);
        ManualCommitConsumer.Result result =
            ManualCommitConsumer.consume(broker.bootstrapServers(), topic, "manual-group", 15, QUIET);

        assertEquals(15, result.processed());
        assertTrue(result.asyncCommits() >= 1, () -> "commitAsync succeeded at least once: " + result);
        Map<Integer, Long> committed = new HashMap<>();
        result.committed().forEach((tp, om) -> committed.put(tp.partition(), om.offset()));
        Map<Integer, Long> end = Apache.endOffsets(broker.bootstrapServers(), topic);
        assertEquals(end, committed);
        assertEquals(end, Apache.committed(broker.bootstrapServers(), "manual-group", topic));
    }

    @Test
    void externalOffsetsResumeExactlyWhereTheFirstConsumerStoppedAndNothingIsCommittedToKafka() {
        String topic = "external";
        broker.createTopic(topic, 3);
        SampleRecords.write(broker.bootstrapServers(), topic, 30);
        Path file = dir.resolve("offsets.properties");

        List<ConsumerRecord<String, String>> first = ExternalOffsetsConsumer.consume(broker.bootstrapServers(), topic,
            "external-group", FileOffsetStore.open(file), 11, QUIET);
        List<ConsumerRecord<String, String>> second = ExternalOffsetsConsumer.consume(broker.bootstrapServers(), topic,
            "external-group", FileOffsetStore.open(file), 19, QUIET);

        Set<String> a = positions(first);
        Set<String> b = positions(second);
        assertEquals(11, a.size());
        assertEquals(19, b.size());
        Set<String> overlap = new HashSet<>(a);
        overlap.retainAll(b);
        assertEquals(Set.of(), overlap, "the second consumer read nothing the first had processed");

        FileOffsetStore store = FileOffsetStore.open(file);
        Map<Integer, Long> positions = new HashMap<>();
        store.positions().forEach((tp, o) -> positions.put(tp.partition(), o));
        assertEquals(Apache.endOffsets(broker.bootstrapServers(), topic), positions);
        assertEquals(30L, store.processed().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(Map.of(), Apache.committed(broker.bootstrapServers(), "external-group", topic));
    }

    @Test
    void externalOffsetsCommandRunsBothConsumersOverOneStore() {
        Path file = dir.resolve("cli-offsets.properties");
        CliRun run = CliRun.of("consumer-external-offsets", "--bootstrap-server", broker.bootstrapServers(),
            "--topic", "external-cli", "--group", "external-cli", "--records", "20", "--store", file.toString());
        assertEquals(Cli.OK, run.status(), run::toString);
        assertTrue(run.out().contains("Processed 10 + 10 records; the store counts 20"), run::toString);
        assertTrue(run.out().contains("starting at offset"), () -> "the second consumer seeks: " + run);
    }

    @Test
    void assignAndSeekReadsExactlyTheLastRecordsOfEachPartition() {
        String topic = "tail";
        broker.createTopic(topic, 3);
        SampleRecords.write(broker.bootstrapServers(), topic, 30);
        Map<Integer, Long> end = Apache.endOffsets(broker.bootstrapServers(), topic);

        List<ConsumerRecord<String, String>> read = AssignAndSeek.tail(broker.bootstrapServers(), topic, 2, QUIET);
        Set<String> expected = new HashSet<>();
        end.forEach((p, e) -> {
            for (long o = Math.max(0, e - 2); o < e; o++) {
                expected.add(topic + "-" + p + "@" + o);
            }
        });
        assertEquals(expected, positions(read));
        assertEquals(List.of(), AssignAndSeek.tail(broker.bootstrapServers(), topic, 0, QUIET));
        assertEquals(30, AssignAndSeek.tail(broker.bootstrapServers(), topic, 1000, QUIET).size());
    }

    @Test
    void pauseResumeServesTheUrgentTopicFirst() {
        broker.createTopic("urgent", 2);
        broker.createTopic("bulk", 2);
        SampleRecords.write(broker.bootstrapServers(), "bulk", 40);
        SampleRecords.write(broker.bootstrapServers(), "urgent", 10);

        List<ConsumerRecord<String, String>> read =
            PauseResumeConsumer.consume(broker.bootstrapServers(), "urgent", "bulk", QUIET);
        List<String> topics = read.stream().map(ConsumerRecord::topic).toList();
        assertEquals(50, read.size());
        assertEquals(10, topics.stream().filter("urgent"::equals).count());
        assertEquals(9, topics.lastIndexOf("urgent"), () -> "all urgent records before any bulk one: " + topics);
        assertEquals(50, positions(read).size());
    }

    @Test
    void threadsShareTheTopicAndAllStopOnShutdown() throws Exception {
        String topic = "threads";
        broker.createTopic(topic, 6);
        SampleRecords.write(broker.bootstrapServers(), topic, 200);

        MultiThreadedConsumer.Result result =
            MultiThreadedConsumer.consume(broker.bootstrapServers(), topic, "threads-group", 3, 200);
        assertEquals(200, result.distinct());
        assertTrue(result.allStopped(), result::toString);
        assertEquals(3, result.perThread().size());
        assertTrue(result.perThread().stream().mapToLong(Long::longValue).sum() >= 200, result::toString);
    }

    /**
     * The runner's shutdown() may come between two polls: the loop then ends on the closed flag and
     * the consumer closes with the wakeup still pending. close() must still commit and leave the
     * group, as Apache's does (it ignores wakeups); otherwise the member stays until its session
     * times out and the last offsets are not committed.
     */
    @Test
    void aRunnerShutDownBetweenPollsStillCommitsAndLeavesTheGroup() throws Exception {
        String topic = "runner-between-polls";
        broker.createTopic(topic, 2);
        SampleRecords.write(broker.bootstrapServers(), topic, 10);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "runner-group");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());

        List<KafkaConsumerRunner<String, String>> runner = new ArrayList<>();
        runner.add(new KafkaConsumerRunner<>(new KafkaConsumer<>(props), topic, record -> runner.get(0).shutdown()));
        Thread thread = new Thread(runner.get(0));
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(30));

        assertFalse(thread.isAlive());
        assertEquals(List.of(), List.copyOf(Apache.describeGroup(broker.bootstrapServers(), "runner-group").members()));
        assertEquals(1L, Apache.committed(broker.bootstrapServers(), "runner-group", topic).values().stream()
            .mapToLong(Long::longValue).sum(), "the one record polled is committed");
    }

    @Test
    void theThreadsCommandReportsEveryThreadStopped() {
        CliRun run = CliRun.of("consumer-threads", "--bootstrap-server", broker.bootstrapServers(),
            "--topic", "threads-cli", "--group", "threads-cli", "--records", "60", "--threads", "2");
        assertEquals(Cli.OK, run.status(), run::toString);
        assertEquals(2, run.linesStartingWith("thread "), run::toString);
        assertTrue(run.out().contains("Received 60 distinct records; every thread has stopped: true"), run::toString);
    }

    @Test
    void interceptorsCarryOneTraceForTheFirstHalfAndStampTheSendTime() {
        String topic = "intercepted";
        broker.createTopic(topic, 3);
        String trace = InterceptorChain.produce(broker.bootstrapServers(), topic, 10);
        List<InterceptorChain.Traced> read =
            InterceptorChain.consume(broker.bootstrapServers(), topic, "intercepted-group", 10, QUIET);

        assertEquals(10, read.size());
        Map<String, InterceptorChain.Traced> byKey = read.stream()
            .collect(Collectors.toMap(InterceptorChain.Traced::key, t -> t));
        Set<String> others = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            InterceptorChain.Traced t = byKey.get("key-" + i);
            assertTrue(t.sentAtMs() > 0, t::toString);
            if (i < 5) {
                assertEquals(trace, t.traceId());
            } else {
                assertNotEquals(trace, t.traceId());
                others.add(t.traceId());
            }
        }
        assertEquals(5, others.size(), "each record outside the trace has an id of its own");

        // The headers are in the stored records, not made up by the consumer's interceptor.
        Apache.readAll(broker.bootstrapServers(), topic).forEach(r -> {
            assertEquals(32, r.headers().lastHeader("strand.trace.id").value().length);
            assertEquals(8, r.headers().lastHeader("strand.send.time").value().length);
        });
    }

    private static Set<String> positions(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> r.topic() + "-" + r.partition() + "@" + r.offset()).collect(Collectors.toSet());
    }
}
