package io.strand.clients.consumer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.KafkaConsumer;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.clients.consumer.OffsetAndTimestamp;
import io.strand.common.TopicPartition;
import io.strand.common.errors.WakeupException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same script of seeks, pauses, resumes, wakeups, commits and offset lookups, run on a
 * Strand consumer and on an Apache consumer over the same data, gives the same transcript:
 * the same records (offsets, keys, values, timestamps, headers) and the same answers.
 *
 * <p>To make poll deterministic for both, every reading step pauses all partitions but one and
 * then seeks that partition to where the step ends, whatever the last poll overshot.
 */
class ParityIT {

    private static final int PARTITIONS = 3;
    private static final int RECORDS = 200;
    private static final long BASE_TS = 1_700_000_000_000L;

    /** The operations of the script, for either consumer. */
    interface Driver extends AutoCloseable {
        void assign(List<TopicPartition> tps);

        /** Records as "partition:offset:key:value:timestamp:headers". */
        List<String> poll(long ms);

        /** Records of one poll, keyed by partition, for the paused-partition check. */
        void seek(TopicPartition tp, long offset);

        void seekToBeginning(List<TopicPartition> tps);

        void seekToEnd(List<TopicPartition> tps);

        long position(TopicPartition tp);

        void pause(List<TopicPartition> tps);

        void resume(List<TopicPartition> tps);

        Set<TopicPartition> paused();

        /** offset, or -1 when none. */
        long offsetForTime(TopicPartition tp, long ts);

        Map<TopicPartition, Long> beginningOffsets(List<TopicPartition> tps);

        Map<TopicPartition, Long> endOffsets(List<TopicPartition> tps);

        void commitSync(Map<TopicPartition, Long> offsets);

        long committed(TopicPartition tp);

        void wakeup();

        @Override
        void close();
    }

    private static String describe(int partition, long offset, byte[] key, byte[] value, long ts, String headers) {
        return partition + ":" + offset + ":" + (key == null ? "null" : new String(key, StandardCharsets.UTF_8)) + ":"
            + Arrays.hashCode(value) + ":" + ts + ":" + headers;
    }

    static final class StrandDriver implements Driver {
        final KafkaConsumer<byte[], byte[]> c;

        StrandDriver(String bootstrap, String group) {
            Map<String, Object> extra = new HashMap<>();
            extra.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 7);
            extra.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            c = TestData.strandConsumer(bootstrap, group, extra);
        }

        @Override
        public void assign(List<TopicPartition> tps) {
            c.assign(tps);
        }

        @Override
        public List<String> poll(long ms) {
            List<String> out = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(ms))) {
                StringBuilder h = new StringBuilder();
                r.headers().forEach(x -> h.append(x.key()).append('=').append(new String(x.value(), StandardCharsets.UTF_8)));
                out.add(describe(r.partition(), r.offset(), r.key(), r.value(), r.timestamp(), h.toString()));
            }
            return out;
        }

        @Override
        public void seek(TopicPartition tp, long offset) {
            c.seek(tp, offset);
        }

        @Override
        public void seekToBeginning(List<TopicPartition> tps) {
            c.seekToBeginning(tps);
        }

        @Override
        public void seekToEnd(List<TopicPartition> tps) {
            c.seekToEnd(tps);
        }

        @Override
        public long position(TopicPartition tp) {
            return c.position(tp);
        }

        @Override
        public void pause(List<TopicPartition> tps) {
            c.pause(tps);
        }

        @Override
        public void resume(List<TopicPartition> tps) {
            c.resume(tps);
        }

        @Override
        public Set<TopicPartition> paused() {
            return c.paused();
        }

        @Override
        public long offsetForTime(TopicPartition tp, long ts) {
            OffsetAndTimestamp o = c.offsetsForTimes(Map.of(tp, ts)).get(tp);
            return o == null ? -1 : o.offset();
        }

        @Override
        public Map<TopicPartition, Long> beginningOffsets(List<TopicPartition> tps) {
            return c.beginningOffsets(tps);
        }

        @Override
        public Map<TopicPartition, Long> endOffsets(List<TopicPartition> tps) {
            return c.endOffsets(tps);
        }

        @Override
        public void commitSync(Map<TopicPartition, Long> offsets) {
            Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
            offsets.forEach((tp, o) -> m.put(tp, new OffsetAndMetadata(o)));
            c.commitSync(m);
        }

        @Override
        public long committed(TopicPartition tp) {
            OffsetAndMetadata o = c.committed(Set.of(tp)).get(tp);
            return o == null ? -1 : o.offset();
        }

        @Override
        public void wakeup() {
            c.wakeup();
        }

        @Override
        public void close() {
            c.close();
        }
    }

    static final class ApacheDriver implements Driver {
        final org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> c;

        ApacheDriver(String bootstrap, String group) {
            Map<String, Object> cfg = new HashMap<>();
            cfg.put("bootstrap.servers", bootstrap);
            cfg.put("group.id", group);
            cfg.put("auto.offset.reset", "earliest");
            cfg.put("max.poll.records", 7);
            cfg.put("enable.auto.commit", false);
            c = new org.apache.kafka.clients.consumer.KafkaConsumer<>(cfg, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        private static org.apache.kafka.common.TopicPartition a(TopicPartition tp) {
            return new org.apache.kafka.common.TopicPartition(tp.topic(), tp.partition());
        }

        private static List<org.apache.kafka.common.TopicPartition> a(Collection<TopicPartition> tps) {
            return tps.stream().map(ApacheDriver::a).collect(Collectors.toList());
        }

        private static TopicPartition s(org.apache.kafka.common.TopicPartition tp) {
            return new TopicPartition(tp.topic(), tp.partition());
        }

        @Override
        public void assign(List<TopicPartition> tps) {
            c.assign(a(tps));
        }

        @Override
        public List<String> poll(long ms) {
            List<String> out = new ArrayList<>();
            try {
                for (org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(ms))) {
                    StringBuilder h = new StringBuilder();
                    r.headers().forEach(x -> h.append(x.key()).append('=').append(new String(x.value(), StandardCharsets.UTF_8)));
                    out.add(describe(r.partition(), r.offset(), r.key(), r.value(), r.timestamp(), h.toString()));
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                throw new WakeupException(); // the transcript compares Strand's exception type
            }
            return out;
        }

        @Override
        public void seek(TopicPartition tp, long offset) {
            c.seek(a(tp), offset);
        }

        @Override
        public void seekToBeginning(List<TopicPartition> tps) {
            c.seekToBeginning(a(tps));
        }

        @Override
        public void seekToEnd(List<TopicPartition> tps) {
            c.seekToEnd(a(tps));
        }

        @Override
        public long position(TopicPartition tp) {
            return c.position(a(tp));
        }

        @Override
        public void pause(List<TopicPartition> tps) {
            c.pause(a(tps));
        }

        @Override
        public void resume(List<TopicPartition> tps) {
            c.resume(a(tps));
        }

        @Override
        public Set<TopicPartition> paused() {
            return c.paused().stream().map(ApacheDriver::s).collect(Collectors.toSet());
        }

        @Override
        public long offsetForTime(TopicPartition tp, long ts) {
            var o = c.offsetsForTimes(Map.of(a(tp), ts)).get(a(tp));
            return o == null ? -1 : o.offset();
        }

        @Override
        public Map<TopicPartition, Long> beginningOffsets(List<TopicPartition> tps) {
            Map<TopicPartition, Long> out = new HashMap<>();
            c.beginningOffsets(a(tps)).forEach((tp, o) -> out.put(s(tp), o));
            return out;
        }

        @Override
        public Map<TopicPartition, Long> endOffsets(List<TopicPartition> tps) {
            Map<TopicPartition, Long> out = new HashMap<>();
            c.endOffsets(a(tps)).forEach((tp, o) -> out.put(s(tp), o));
            return out;
        }

        @Override
        public void commitSync(Map<TopicPartition, Long> offsets) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> m = new HashMap<>();
            offsets.forEach((tp, o) -> m.put(a(tp), new org.apache.kafka.clients.consumer.OffsetAndMetadata(o)));
            c.commitSync(m);
        }

        @Override
        public long committed(TopicPartition tp) {
            var o = c.committed(Set.of(a(tp))).get(a(tp));
            return o == null ? -1 : o.offset();
        }

        @Override
        public void wakeup() {
            c.wakeup();
        }

        @Override
        public void close() {
            c.close();
        }
    }

    private static void produce(String bootstrap, String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = TestData.apacheProducer(bootstrap, "gzip")) {
            for (int i = 0; i < RECORDS; i++) {
                for (int part = 0; part < PARTITIONS; part++) {
                    RecordHeaders headers = new RecordHeaders();
                    if (i % 3 == 0) {
                        headers.add("h", ("x" + i).getBytes(StandardCharsets.UTF_8));
                    }
                    byte[] key = i % 7 == 0 ? null : TestData.key(i);
                    p.send(new ProducerRecord<>(topic, part, BASE_TS + i * 10L, key, TestData.value(part, i, 30), headers));
                }
            }
            p.flush();
        }
    }

    /** Reads one partition (the others paused) from its position up to (not including) {@code end}, then seeks to end. */
    private static void collect(Driver d, List<String> transcript, List<TopicPartition> all, TopicPartition tp, long end) {
        List<TopicPartition> others = new ArrayList<>(all);
        others.remove(tp);
        d.pause(others);
        d.resume(List.of(tp));
        List<String> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        long last = -1;
        while (last < end - 1) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out reading " + tp + " to " + end + "; got " + got);
            }
            for (String r : d.poll(100)) {
                String[] f = r.split(":");
                int p = Integer.parseInt(f[0]);
                long o = Long.parseLong(f[1]);
                assertEquals(tp.partition(), p, "a record of a paused partition was returned: " + r);
                last = Math.max(last, o);
                if (o < end) {
                    got.add(r);
                }
            }
        }
        d.seek(tp, end);
        transcript.add("read " + tp + " to " + end + ": " + got);
    }

    private static List<String> script(Driver d, String topic) throws Exception {
        List<String> t = new ArrayList<>();
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        TopicPartition p2 = new TopicPartition(topic, 2);
        List<TopicPartition> all = List.of(p0, p1, p2);
        d.assign(all);

        collect(d, t, all, p0, 25);
        t.add("paused " + new TreeSet<>(d.paused().stream().map(TopicPartition::toString).collect(Collectors.toList())));
        t.add("position p0 " + d.position(p0));

        d.seekToBeginning(List.of(p1));
        t.add("position p1 after seekToBeginning " + d.position(p1));
        collect(d, t, all, p1, 10);

        d.seekToEnd(List.of(p2));
        t.add("position p2 after seekToEnd " + d.position(p2));

        long at = d.offsetForTime(p0, BASE_TS + 150 * 10L - 5);
        t.add("offsetForTime p0 " + at);
        d.seek(p0, at);
        collect(d, t, all, p0, 160);

        d.seek(p0, 5);
        collect(d, t, all, p0, 12);

        d.commitSync(Map.of(p0, 12L, p1, 10L));
        t.add("committed p0 " + d.committed(p0) + " p1 " + d.committed(p1) + " p2 " + d.committed(p2));

        // A wakeup before poll: that poll throws, nothing moves, the next poll goes on.
        d.wakeup();
        try {
            d.poll(1000);
            t.add("no wakeup");
        } catch (WakeupException e) {
            t.add("woken up");
        }
        t.add("position p0 after wakeup " + d.position(p0));
        collect(d, t, all, p0, 20);

        // A wakeup from another thread while poll waits for data that never comes.
        d.pause(all);
        Thread waker = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            d.wakeup();
        });
        long start = System.currentTimeMillis();
        waker.start();
        try {
            d.poll(20_000);
            t.add("no wakeup while blocked");
        } catch (WakeupException e) {
            t.add("woken up while blocked");
        }
        waker.join();
        assertTrue(System.currentTimeMillis() - start < 15_000, "the wakeup did not end the blocked poll");

        t.add("beginning " + new java.util.TreeMap<>(keyed(d.beginningOffsets(all))));
        t.add("end " + new java.util.TreeMap<>(keyed(d.endOffsets(all))));

        d.seek(p2, RECORDS - 5);
        collect(d, t, all, p2, RECORDS);
        d.resume(all);
        d.seek(p0, RECORDS);
        d.seek(p1, RECORDS);
        t.add("after the end: " + d.poll(300));
        t.add("offsetForTime after the last record " + d.offsetForTime(p1, BASE_TS + RECORDS * 10L + 1));
        t.add("offsetForTime before the first record " + d.offsetForTime(p1, 0));
        return t;
    }

    private static Map<String, Long> keyed(Map<TopicPartition, Long> m) {
        Map<String, Long> out = new HashMap<>();
        m.forEach((tp, o) -> out.put(tp.toString(), o));
        return out;
    }

    @ParameterizedTest
    @MethodSource("io.strand.clients.consumer.it.Brokers#both")
    void strandAndApacheConsumersAgreeOnTheSameScript(Brokers.Target broker) throws Exception {
        String topic = Brokers.uniqueTopic("parity");
        broker.createTopic(topic, PARTITIONS);
        produce(broker.bootstrapServers(), topic);
        List<String> strand;
        try (Driver d = new StrandDriver(broker.bootstrapServers(), "parity-strand-" + topic)) {
            strand = script(d, topic);
        }
        List<String> apache;
        try (Driver d = new ApacheDriver(broker.bootstrapServers(), "parity-apache-" + topic)) {
            apache = script(d, topic);
        }
        assertEquals(apache.size(), strand.size());
        for (int i = 0; i < apache.size(); i++) {
            assertEquals(apache.get(i), strand.get(i), "step " + i);
        }
        // The transcript is not vacuous: it read what was written.
        assertTrue(strand.get(0).contains("0:0:null:"), strand.get(0));
        assertTrue(strand.contains("woken up") && strand.contains("woken up while blocked"), strand.toString());
    }
}
