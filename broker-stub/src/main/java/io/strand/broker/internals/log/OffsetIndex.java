package io.strand.broker.internals.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A segment's sparse offset index, laid out as Kafka's {@code .index} file: 8-byte entries of
 * (offset - segment base offset) int32 and file position int32, both strictly increasing, one per
 * {@code index.interval.bytes} of batches. Each entry names a batch start, so a lookup gives the
 * position from which to walk batch headers to the wanted offset. Entries are also kept in two
 * int arrays (a 1 GiB segment at the default interval has about 256 Ki entries, 2 MiB).
 */
final class OffsetIndex {

    static final int ENTRY_SIZE = 8;

    private final Path path;
    private final long baseOffset;
    private final FileChannel channel;
    private final boolean existed;
    private final ByteBuffer entry = ByteBuffer.allocate(ENTRY_SIZE);
    private int[] relativeOffsets = new int[16];
    private int[] positions = new int[16];
    private int entries;

    private OffsetIndex(Path path, long baseOffset, FileChannel channel, boolean existed) {
        this.path = path;
        this.baseOffset = baseOffset;
        this.channel = channel;
        this.existed = existed;
    }

    /** Opens (creating if absent) the index file; call {@link #load} or {@link #startRebuild} next. */
    static OffsetIndex open(Path path, long baseOffset) throws IOException {
        boolean existed = Files.exists(path);
        return new OffsetIndex(path, baseOffset, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE), existed);
    }

    Path path() {
        return path;
    }

    int entries() {
        return entries;
    }

    /**
     * Reads the file's entries and checks them against a segment of {@code segmentSize} bytes.
     *
     * @return null when the index can be trusted, else why not (the caller rebuilds it)
     */
    String load(int segmentSize) throws IOException {
        if (!existed) {
            return "the index file is missing";
        }
        long fileSize = channel.size();
        if (fileSize % ENTRY_SIZE != 0) {
            return "its size " + fileSize + " is not a multiple of " + ENTRY_SIZE;
        }
        if (fileSize > (long) ENTRY_SIZE * Math.max(segmentSize, 1)) {
            return "it has more entries than the segment has bytes";
        }
        ByteBuffer all = ByteBuffer.allocate((int) fileSize);
        while (all.hasRemaining()) {
            if (channel.read(all, all.position()) < 0) {
                return "it ended while being read";
            }
        }
        all.flip();
        entries = 0;
        int lastRelative = 0;
        int lastPosition = 0;
        while (all.hasRemaining()) {
            int relative = all.getInt();
            int position = all.getInt();
            if (relative <= lastRelative || position <= lastPosition) {
                String problem = "entry " + entries + " (" + relative + ", " + position + ") does not increase on the one before";
                entries = 0;
                return problem;
            }
            if (position >= segmentSize) {
                entries = 0;
                return "entry (" + relative + ", " + position + ") points past the segment's " + segmentSize + " bytes";
            }
            add(relative, position);
            lastRelative = relative;
            lastPosition = position;
        }
        return null;
    }

    /** Adds an entry and writes it to the file. */
    void append(long offset, int position) throws IOException {
        add(relative(offset), position);
        entry.clear();
        entry.putInt(relativeOffsets[entries - 1]).putInt(position).flip();
        long at = (long) (entries - 1) * ENTRY_SIZE;
        while (entry.hasRemaining()) {
            at += channel.write(entry, at);
        }
    }

    /** Forgets every entry; {@link #addForRebuild} then {@link #finishRebuild} write a new file at once. */
    void startRebuild() {
        entries = 0;
    }

    void addForRebuild(long offset, int position) {
        add(relative(offset), position);
    }

    void finishRebuild() throws IOException {
        ByteBuffer all = ByteBuffer.allocate(entries * ENTRY_SIZE);
        for (int i = 0; i < entries; i++) {
            all.putInt(relativeOffsets[i]).putInt(positions[i]);
        }
        all.flip();
        channel.truncate(0);
        long at = 0;
        while (all.hasRemaining()) {
            at += channel.write(all, at);
        }
    }

    /** The position of the last indexed batch whose base offset is &lt;= {@code offset}, or 0 (the segment start). */
    int lookup(long offset) {
        long relative = offset - baseOffset;
        if (entries == 0 || relative < relativeOffsets[0]) {
            return 0;
        }
        int key = (int) Math.min(relative, Integer.MAX_VALUE);
        int i = Arrays.binarySearch(relativeOffsets, 0, entries, key);
        return positions[i >= 0 ? i : -i - 2];
    }

    void flush() throws IOException {
        channel.force(true);
    }

    void close() throws IOException {
        channel.close();
    }

    void delete() throws IOException {
        close();
        Files.deleteIfExists(path);
    }

    private int relative(long offset) {
        long relative = offset - baseOffset;
        if (relative < 0 || relative > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Offset " + offset + " does not fit the index of segment " + baseOffset);
        }
        return (int) relative;
    }

    private void add(int relative, int position) {
        if (entries == positions.length) {
            relativeOffsets = Arrays.copyOf(relativeOffsets, entries * 2);
            positions = Arrays.copyOf(positions, entries * 2);
        }
        relativeOffsets[entries] = relative;
        positions[entries] = position;
        entries++;
    }
}
