package io.strand.examples.quickstart;

import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.producer.KafkaProducer;
import io.strand.clients.producer.Producer;
import io.strand.clients.producer.ProducerConfig;
import io.strand.clients.producer.ProducerRecord;
import io.strand.common.serialization.ByteArrayDeserializer;
import io.strand.common.serialization.ByteArraySerializer;
import io.strand.common.serialization.LongDeserializer;
import io.strand.common.serialization.LongSerializer;
import io.strand.examples.MultiThreadedConsumer;
import io.strand.examples.cli.BaseCommand;
import io.strand.examples.cli.Invocation;
import io.strand.examples.cli.KafkaTarget;
import io.strand.examples.cli.Option;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The first thing to run: a bundled broker in this process, a topic, one producer and a consumer
 * group of two, with live progress and a summary that checks every record. Each record's key is
 * its sequence number; the summary compares, offset by offset, what the broker acknowledged with
 * what the consumers read, and the run fails if an acknowledged record never arrived.
 */
public final class Quickstart extends BaseCommand {

    private static final int MEMBERS = 2;
    /** The run gives up when nothing more arrives for this long. */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);

    public Quickstart() {
        super("quickstart", "the bundled broker, a producer and a consumer group of two, with live progress",
            "Starts the bundled broker in this process (or uses --bootstrap-server), creates a topic, sends\n"
                + "records with one producer while a consumer group of two reads them, shows progress, and prints\n"
                + "a summary: sent, received, lost, duplicated, throughput. Exits 0 only if every record the\n"
                + "broker acknowledged was received, intact.",
            Option.BOOTSTRAP_SERVER, Option.records(500_000),
            Option.number("partitions", "partitions of the topic", 6, MEMBERS),
            Option.number("value-bytes", "size of each record's value", 100, 0),
            Option.value("topic", "name", "a new topic to create (default: quickstart, or a fresh name "
                + "with --bootstrap-server)", null));
    }

    @Override
    public int run(Invocation in) throws Exception {
        PrintStream out = in.out();
        int records = in.records();
        int partitions = in.intValue("partitions");
        int valueBytes = in.intValue("value-bytes");
        KafkaTarget target = in.target();
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        String topic = in.topic() != null ? in.topic()
            : target.isBundled() ? "quickstart" : "strand-quickstart-" + suffix;
        if (!target.createTopic(topic, partitions)) {
            out.println("Topic " + topic + " exists already. The quickstart checks every offset of a new topic:"
                + " name another with --topic.");
            return 2;
        }
        out.printf(Locale.ROOT, "Created topic %s with %d partitions. Sending %,d records of %d bytes; "
            + "a group of %d consumers reads them.%n", topic, partitions, records, valueBytes, MEMBERS);

        DeliveryLedger ledger = new DeliveryLedger(partitions);
        List<GroupMember> members = startGroup(in.bootstrapServers(), topic, "quickstart-" + suffix, ledger, out);

        long start = System.nanoTime();
        AtomicReference<Throwable> sendFailure = new AtomicReference<>();
        String bootstrap = in.bootstrapServers();
        Thread producer = new Thread(() -> produce(bootstrap, topic, records, valueBytes, ledger, sendFailure),
            "quickstart-producer");
        producer.setUncaughtExceptionHandler((t, e) -> sendFailure.compareAndSet(null, e));
        producer.start();

        boolean complete = showProgress(out, ledger, producer, records, start);
        List<List<Integer>> held = members.stream().map(GroupMember::partitions).toList();
        boolean stopped = MultiThreadedConsumer.stop(members.stream().map(GroupMember::runner).toList(),
            members.stream().map(GroupMember::thread).toList());
        producer.join();

        Timing timing = new Timing(ledger.lastAckNanos() - start, ledger.lastReceiveNanos() - start);
        return summarize(out, ledger, members, held, complete && stopped, sendFailure.get(), records, valueBytes,
            timing);
    }

    /** From the first send to the last acknowledgement, and to the last record received. */
    private record Timing(long produceNanos, long endToEndNanos) {
    }

    /** Starts the consumers and waits (a while) until they share the partitions between them. */
    private static List<GroupMember> startGroup(String bootstrapServers, String topic, String groupId,
                                                DeliveryLedger ledger, PrintStream out) throws InterruptedException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());

        List<GroupMember> members = new ArrayList<>();
        for (int i = 1; i <= MEMBERS; i++) {
            members.add(new GroupMember("consumer-" + i, props, topic, ledger));
        }
        members.forEach(GroupMember::start);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!sharing(members) && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        if (sharing(members)) {
            out.println("Consumer group " + groupId + ": " + members.stream()
                .map(m -> m.name() + " has partitions " + m.partitions()).collect(Collectors.joining(", ")));
        } else {
            out.println("The consumer group has not shared out the partitions yet; starting anyway.");
        }
        return members;
    }

    private static boolean sharing(List<GroupMember> members) {
        return members.stream().allMatch(m -> !m.partitions().isEmpty());
    }

    /** Sends {@code records} records keyed by their sequence number, noting each acknowledgement in the ledger. */
    static void produce(String bootstrapServers, String topic, int records, int valueBytes, DeliveryLedger ledger,
                        AtomicReference<Throwable> firstFailure) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, LongSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");

        byte[] value = payload(valueBytes);
        try (Producer<Long, byte[]> producer = new KafkaProducer<>(props)) {
            for (long seq = 0; seq < records; seq++) {
                long s = seq;
                producer.send(new ProducerRecord<>(topic, seq, value), (metadata, exception) -> {
                    if (exception == null) {
                        ledger.acknowledged(metadata.partition(), metadata.offset(), s);
                    } else {
                        ledger.sendFailed();
                        firstFailure.compareAndSet(null, exception);
                    }
                });
            }
        } // close() returns once every record is acknowledged or has failed
    }

    private static byte[] payload(int size) {
        byte[] text = "Strand quickstart. ".getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[size];
        for (int i = 0; i < size; i++) {
            value[i] = text[i % text.length];
        }
        return value;
    }

    /**
     * Shows progress until every acknowledged record has been received after the producer is
     * done, or nothing has moved for {@link #STALL_NANOS}.
     *
     * @return false if it stopped because progress stalled
     */
    private static boolean showProgress(PrintStream out, DeliveryLedger ledger, Thread producer, int records,
                                        long start) throws InterruptedException {
        ProgressLine progress = new ProgressLine(out, ProgressLine.isTerminal(out), records);
        long lastMove = System.nanoTime();
        long lastSeen = -1;
        try {
            while (true) {
                Thread.sleep(progress.intervalMillis());
                long now = System.nanoTime();
                long acked = ledger.acknowledged();
                long received = ledger.received();
                progress.show(acked, received, now - start);
                boolean produced = acked + ledger.failed() >= records || !producer.isAlive();
                if (produced && received >= acked) {
                    return true;
                }
                if (acked + received != lastSeen) {
                    lastSeen = acked + received;
                    lastMove = now;
                } else if (now - lastMove > STALL_NANOS) {
                    out.println();
                    out.println("Nothing has moved for " + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS)
                        + " s; stopping.");
                    return false;
                }
            }
        } finally {
            progress.finish();
        }
    }

    private static int summarize(PrintStream out, DeliveryLedger ledger, List<GroupMember> members,
                                 List<List<Integer>> held, boolean clean, Throwable sendFailure, int records,
                                 int valueBytes, Timing timing) {
        DeliveryLedger.Audit audit = ledger.audit();
        long acked = ledger.acknowledged();
        double produceSeconds = Math.max(timing.produceNanos(), 1) / 1e9;
        double totalSeconds = Math.max(timing.endToEndNanos(), 1) / 1e9;
        double bytesPerRecord = Long.BYTES + valueBytes;

        out.println();
        out.printf(Locale.ROOT, "Summary (%.1f s)%n", totalSeconds);
        out.printf(Locale.ROOT, "  sent        %,12d records acknowledged by the broker, %,d failed, of %,d%n",
            acked, ledger.failed(), records);
        out.printf(Locale.ROOT, "  received    %,12d distinct (partition, offset) pairs%n", ledger.received());
        for (int i = 0; i < members.size(); i++) {
            out.printf(Locale.ROOT, "                 %s: %,d records, holding partitions %s at the end%n",
                members.get(i).name(), members.get(i).records(), held.get(i));
        }
        out.printf(Locale.ROOT, "  lost        %,12d acknowledged but never received%n", audit.lost());
        out.printf(Locale.ROOT, "  duplicated  %,12d received more than once%n", ledger.duplicates());
        if (audit.mismatched() > 0) {
            out.printf(Locale.ROOT, "  mismatched  %,12d offsets holding another record than the one acknowledged%n",
                audit.mismatched());
        }
        if (audit.unacknowledged() > 0) {
            out.printf(Locale.ROOT, "  unacknowledged %,9d received though their send was not acknowledged%n",
                audit.unacknowledged());
        }
        out.printf(Locale.ROOT, "  throughput  %,12.0f records/s produced (%.1f MB/s), %,.0f records/s end to end%n",
            acked / produceSeconds, acked * bytesPerRecord / produceSeconds / 1e6, ledger.received() / totalSeconds);

        boolean ok = true;
        if (sendFailure != null) {
            out.println("The producer failed: " + sendFailure);
            ok = false;
        }
        for (GroupMember m : members) {
            if (m.failure() != null) {
                out.println(m.name() + " failed: " + m.failure());
                ok = false;
            }
        }
        ok &= clean && audit.lost() == 0 && audit.mismatched() == 0 && ledger.failed() == 0 && acked == records;
        if (ok) {
            out.println(ledger.duplicates() == 0
                ? "OK: every record was acknowledged and received exactly once."
                : "OK: every record was acknowledged and received; some more than once, "
                    + "as at-least-once delivery allows.");
            return 0;
        }
        out.println("FAILED: not every record made it; see above.");
        return 1;
    }
}
