package io.strand.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.StubBroker;
import io.strand.broker.StubBrokerExtension;
import io.strand.examples.Apache;
import io.strand.examples.cli.Cli;
import io.strand.examples.cli.Command;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StubBrokerExtension.class)
class QuickstartTest {

    static StubBroker broker;

    @Test
    void aSmallRunReportsEveryRecordReceivedOnceAndNoneLost() {
        Run run = run("--bootstrap-server", broker.bootstrapServers(), "--records", "20000", "--topic", "qs-small");

        assertEquals(Cli.OK, run.status, run::toString);
        assertEquals(20_000, run.figure("sent"));
        assertEquals(20_000, run.figure("received"));
        assertEquals(0, run.figure("lost"));
        assertEquals(0, run.figure("duplicated"));
        assertTrue(run.out.contains("OK: every record was acknowledged and received exactly once."), run::toString);
        assertTrue(run.out.contains("consumer-1 has partitions"), () -> "the group shared the partitions: " + run);
        assertTrue(run.out.contains("consumer-2 has partitions"), run::toString);

        // The broker holds each key 0..19999 once, spread over the six partitions, as Apache reads it.
        List<ConsumerRecord<byte[], byte[]>> stored = Apache.readAll(broker.bootstrapServers(), "qs-small");
        BitSet keys = new BitSet();
        for (ConsumerRecord<byte[], byte[]> r : stored) {
            int key = (int) ByteBuffer.wrap(r.key()).getLong();
            assertTrue(!keys.get(key), "key " + key + " stored once");
            keys.set(key);
            assertEquals(100, r.value().length);
        }
        assertEquals(20_000, keys.cardinality());
        assertEquals(6, Apache.partitionCount(broker.bootstrapServers(), "qs-small"));
    }

    @Test
    void byDefaultItStartsItsOwnBroker() {
        Run run = run("--records", "2000", "--partitions", "2", "--value-bytes", "0");
        assertEquals(Cli.OK, run.status, run::toString);
        assertTrue(run.out.startsWith("Started the bundled broker at 127.0.0.1:"), run::toString);
        assertTrue(run.out.contains("Created topic quickstart with 2 partitions"), run::toString);
        assertEquals(2000, run.figure("received"));
        assertEquals(0, run.figure("lost"));
    }

    @Test
    void anExistingTopicIsRefusedBecauseItsOffsetsCannotBeChecked() {
        broker.createTopic("qs-existing", 6);
        Run run = run("--bootstrap-server", broker.bootstrapServers(), "--records", "10", "--topic", "qs-existing");
        assertEquals(Cli.USAGE, run.status, run::toString);
        assertTrue(run.out.contains("Topic qs-existing exists already"), run::toString);
    }

    @Test
    void fewerPartitionsThanConsumersIsAUsageError() {
        Run run = run("--partitions", "1");
        assertEquals(Cli.USAGE, run.status, run::toString);
        assertTrue(run.err.contains("--partitions must be at least 2"), run::toString);
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Command quickstart = new Quickstart();
        int status = new Cli("quickstart-test", "test", List.of(quickstart)).run(
            concat("quickstart", args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = Arrays.copyOf(new String[] {first}, rest.length + 1);
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private record Run(int status, String out, String err) {
        /** The number on a summary line, e.g. {@code lost 0}. */
        long figure(String name) {
            Matcher m = Pattern.compile("(?m)^  " + name + " +([0-9,]+) ").matcher(out);
            assertTrue(m.find(), () -> "no '" + name + "' line in\n" + this);
            return Long.parseLong(m.group(1).replace(",", ""));
        }

        @Override
        public String toString() {
            return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
