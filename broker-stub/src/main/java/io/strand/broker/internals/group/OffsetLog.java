package io.strand.broker.internals.group;

import io.strand.common.TopicPartition;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Committed offsets on disk: one append-only file, {@code <dataDir>/__consumer_offsets/offsets.log},
 * replayed at start-up and rewritten with only the live offsets when it holds mostly dead records
 * or when the coordinator closes.
 *
 * <p>The file is an 8-byte magic and a format version, then records, each
 * {@code int32 length, int32 crc32c(body), body}; a body is a type byte and its fields (strings as
 * int32 length and UTF-8). A torn or corrupt tail, left by a crash mid-write, is cut off at the
 * last whole record. Writes reach the operating system before a commit is acknowledged, so they
 * survive the process dying; they are forced to the device only on compaction and close.
 *
 * <p>Not thread-safe: {@link OffsetStore} serialises every call.
 */
final class OffsetLog implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(OffsetLog.class);

    static final String DIRECTORY = "__consumer_offsets";
    static final String FILE_NAME = "offsets.log";
    private static final byte[] MAGIC = "STRNDOFS".getBytes(StandardCharsets.US_ASCII);
    private static final short FORMAT_VERSION = 1;
    private static final int HEADER_SIZE = MAGIC.length + 2;
    private static final int MAX_RECORD_SIZE = 64 * 1024 * 1024;

    private static final byte COMMIT = 1;
    private static final byte TOMBSTONE = 2;
    private static final byte DELETE_GROUP = 3;
    private static final byte DELETE_TOPIC = 4;

    private final Path file;
    private FileChannel channel;
    /** Records in the file, live or not: compaction is due when they far outnumber the live offsets. */
    private long records;

    private OffsetLog(Path file, FileChannel channel, long records) {
        this.file = file;
        this.channel = channel;
        this.records = records;
    }

    /** Opens (creating if needed) the log under {@code dataDir} and replays it into {@code into}. */
    static OffsetLog open(Path dataDir, Map<String, Map<TopicPartition, CommittedOffset>> into) throws IOException {
        Path dir = dataDir.resolve(DIRECTORY);
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        Files.deleteIfExists(dir.resolve(FILE_NAME + ".tmp"));
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        try {
            long records;
            if (ch.size() == 0) {
                writeFully(ch, header());
                records = 0;
            } else {
                records = replay(file, ch, into);
            }
            ch.position(ch.size());
            return new OffsetLog(file, ch, records);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    long records() {
        return records;
    }

    void appendCommits(String group, Map<TopicPartition, CommittedOffset> offsets) throws IOException {
        List<ByteBuffer> bodies = new ArrayList<>(offsets.size());
        for (Map.Entry<TopicPartition, CommittedOffset> e : offsets.entrySet()) {
            bodies.add(commitBody(group, e.getKey(), e.getValue()));
        }
        append(bodies);
    }

    void appendTombstones(String group, List<TopicPartition> partitions) throws IOException {
        List<ByteBuffer> bodies = new ArrayList<>(partitions.size());
        for (TopicPartition tp : partitions) {
            byte[] g = utf8(group);
            byte[] t = utf8(tp.topic());
            ByteBuffer b = ByteBuffer.allocate(1 + 4 + g.length + 4 + t.length + 4);
            b.put(TOMBSTONE);
            putString(b, g);
            putString(b, t);
            b.putInt(tp.partition());
            bodies.add(b.flip());
        }
        append(bodies);
    }

    void appendGroupDeletion(String group) throws IOException {
        append(List.of(nameBody(DELETE_GROUP, group)));
    }

    void appendTopicDeletion(String topic) throws IOException {
        append(List.of(nameBody(DELETE_TOPIC, topic)));
    }

    /** Replaces the file with one holding exactly {@code live}, atomically. */
    void compact(Map<String, Map<TopicPartition, CommittedOffset>> live) throws IOException {
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        long count = 0;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, header());
            for (Map.Entry<String, Map<TopicPartition, CommittedOffset>> g : live.entrySet()) {
                List<ByteBuffer> bodies = new ArrayList<>();
                for (Map.Entry<TopicPartition, CommittedOffset> e : g.getValue().entrySet()) {
                    bodies.add(commitBody(g.getKey(), e.getKey(), e.getValue()));
                }
                writeFully(out, frame(bodies));
                count += bodies.size();
            }
            out.force(true);
        }
        channel.close();
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            records = count;
        } finally {
            // Whichever file is in place now, the compacted one or the old one, appends go on there.
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            channel.position(channel.size());
        }
        log.debug("Compacted {} to {} offsets", file, count);
    }

    @Override
    public void close() throws IOException {
        channel.force(true);
        channel.close();
    }

    // ---- encoding ---------------------------------------------------------------------------

    private void append(List<ByteBuffer> bodies) throws IOException {
        if (bodies.isEmpty()) {
            return;
        }
        long start = channel.position();
        try {
            writeFully(channel, frame(bodies));
        } catch (IOException e) {
            // Leave no half record behind for the next append to follow.
            channel.truncate(start);
            channel.position(start);
            throw e;
        }
        records += bodies.size();
    }

    private static ByteBuffer header() {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC).putShort(FORMAT_VERSION).flip();
    }

    private static ByteBuffer frame(List<ByteBuffer> bodies) {
        int size = 0;
        for (ByteBuffer b : bodies) {
            size += 8 + b.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        CRC32C crc = new CRC32C();
        for (ByteBuffer b : bodies) {
            crc.reset();
            crc.update(b.duplicate());
            out.putInt(b.remaining()).putInt((int) crc.getValue()).put(b);
        }
        return out.flip();
    }

    private static ByteBuffer commitBody(String group, TopicPartition tp, CommittedOffset o) {
        byte[] g = utf8(group);
        byte[] t = utf8(tp.topic());
        byte[] m = utf8(o.metadata());
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + g.length + 4 + t.length + 4 + 8 + 4 + 4 + m.length + 8 + 8);
        b.put(COMMIT);
        putString(b, g);
        putString(b, t);
        b.putInt(tp.partition()).putLong(o.offset()).putInt(o.leaderEpoch());
        putString(b, m);
        b.putLong(o.commitTimestampMs()).putLong(o.expireTimestampMs());
        return b.flip();
    }

    private static ByteBuffer nameBody(byte type, String name) {
        byte[] n = utf8(name);
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + n.length);
        b.put(type);
        putString(b, n);
        return b.flip();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void putString(ByteBuffer b, byte[] s) {
        b.putInt(s.length).put(s);
    }

    private static String getString(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new IllegalArgumentException("string of " + len + " bytes with " + b.remaining() + " left");
        }
        byte[] s = new byte[len];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    // ---- replay -----------------------------------------------------------------------------

    private static long replay(Path file, FileChannel ch, Map<String, Map<TopicPartition, CommittedOffset>> into)
        throws IOException {
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(ch.size()));
        while (all.hasRemaining()) {
            if (ch.read(all, all.position()) < 0) {
                break;
            }
        }
        all.flip();
        if (all.remaining() < HEADER_SIZE || !Arrays.equals(getBytes(all, new byte[MAGIC.length]), MAGIC)) {
            throw new IOException(file + " is not a Strand offsets log (bad magic)");
        }
        short version = all.getShort();
        if (version != FORMAT_VERSION) {
            throw new IOException(file + " has offsets log format " + version + "; this broker reads "
                + FORMAT_VERSION);
        }
        long count = 0;
        CRC32C crc = new CRC32C();
        while (all.remaining() > 0) {
            int start = all.position();
            String problem = null;
            if (all.remaining() < 8) {
                problem = "a torn record header";
            } else {
                int len = all.getInt();
                int expectedCrc = all.getInt();
                if (len <= 0 || len > MAX_RECORD_SIZE || len > all.remaining()) {
                    problem = "a record claiming " + len + " bytes with " + all.remaining() + " left";
                } else {
                    ByteBuffer body = all.slice(all.position(), len);
                    crc.reset();
                    crc.update(body.duplicate());
                    if ((int) crc.getValue() != expectedCrc) {
                        problem = "a record whose checksum does not match";
                    } else {
                        try {
                            apply(body, into);
                        } catch (RuntimeException e) {
                            problem = "an unreadable record (" + e.getMessage() + ")";
                        }
                        all.position(all.position() + len);
                    }
                }
            }
            if (problem != null) {
                log.warn("{}: found {} at byte {}; dropping the {} bytes from there", file, problem, start,
                    ch.size() - start);
                ch.truncate(start);
                break;
            }
            count++;
        }
        return count;
    }

    private static byte[] getBytes(ByteBuffer b, byte[] dst) {
        b.get(dst);
        return dst;
    }

    private static void apply(ByteBuffer b, Map<String, Map<TopicPartition, CommittedOffset>> into) {
        byte type = b.get();
        switch (type) {
            case COMMIT: {
                String group = getString(b);
                TopicPartition tp = new TopicPartition(getString(b), b.getInt());
                long offset = b.getLong();
                int epoch = b.getInt();
                String metadata = getString(b);
                CommittedOffset o = new CommittedOffset(offset, epoch, metadata, b.getLong(), b.getLong());
                into.computeIfAbsent(group, g -> new HashMap<>()).put(tp, o);
                break;
            }
            case TOMBSTONE: {
                String group = getString(b);
                TopicPartition tp = new TopicPartition(getString(b), b.getInt());
                Map<TopicPartition, CommittedOffset> offsets = into.get(group);
                if (offsets != null) {
                    offsets.remove(tp);
                    if (offsets.isEmpty()) {
                        into.remove(group);
                    }
                }
                break;
            }
            case DELETE_GROUP:
                into.remove(getString(b));
                break;
            case DELETE_TOPIC: {
                String topic = getString(b);
                into.values().forEach(offsets -> offsets.keySet().removeIf(tp -> tp.topic().equals(topic)));
                into.values().removeIf(Map::isEmpty);
                break;
            }
            default:
                throw new IllegalArgumentException("unknown record type " + type);
        }
    }
}
