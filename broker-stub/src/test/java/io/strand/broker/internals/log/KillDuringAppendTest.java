package io.strand.broker.internals.log;

import io.strand.common.TopicPartition;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.strand.broker.internals.log.TestBatches.apacheBatches;
import static io.strand.broker.internals.log.TestBatches.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Every acknowledged record survives SIGKILL" without fsync: a child JVM appends and reports each
 * acknowledged offset, is killed with SIGKILL mid-stream, and a new log manager recovers the directory.
 */
class KillDuringAppendTest {

    private static final TopicPartition TP = new TopicPartition("killed", 0);
    private static final LogConfig CONFIG = new LogConfig(64 * 1024, 1024, false);
    private static final int ACKS_BEFORE_KILL = 3000;

    @TempDir
    Path dataDir;

    @Test
    void acknowledgedAppendsSurviveSigkill() throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", Appender.class.getName(), dataDir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        long lastAcked = -1;
        try (BufferedReader acks = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int count = 0;
            while (count < ACKS_BEFORE_KILL && (line = acks.readLine()) != null) {
                lastAcked = Long.parseLong(line);
                count++;
            }
            assertEquals(ACKS_BEFORE_KILL, count, "the child stopped early");
            // SIGKILL on Unix: no shutdown hooks, no close, no flush. Through the handle, which leaves our end of the pipe open.
            assertTrue(child.toHandle().destroyForcibly());
            // Acks already written to the pipe but not yet read were acknowledged too.
            while ((line = acks.readLine()) != null) {
                lastAcked = Long.parseLong(line);
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not die");
        }

        try (LogManager manager = LogManager.onDisk(dataDir, CONFIG)) {
            PartitionLog log = manager.get(TP);
            assertTrue(log.logEndOffset() > lastAcked, "log end " + log.logEndOffset() + ", last acked " + lastAcked);
            List<RecordBatch> batches = apacheBatches(log.read(0, Integer.MAX_VALUE, false));
            long expected = 0;
            for (RecordBatch batch : batches) {
                assertEquals(expected, batch.baseOffset());
                expected = batch.nextOffset();
            }
            assertEquals(log.logEndOffset(), expected);
            assertEquals(log.logEndOffset(), log.append(batch(1, "after"), 0, -1).baseOffset());
        }
    }

    /** The child: appends until killed (or for at most a minute), printing each acknowledged last offset. */
    public static final class Appender {
        public static void main(String[] args) {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            LogManager manager = LogManager.onDisk(Path.of(args[0]), CONFIG);
            PartitionLog log = manager.getOrCreate(TP);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            for (int i = 0; i < 1_000_000 && System.nanoTime() < deadline; i++) {
                out.println(log.append(batch(1 + i % 5, "kill-" + i), 0, -1).lastOffset());
            }
            manager.close();
        }
    }
}
