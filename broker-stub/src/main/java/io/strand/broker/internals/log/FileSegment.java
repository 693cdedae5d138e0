package io.strand.broker.internals.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.strand.common.KafkaException;
import io.strand.common.record.DefaultRecordBatch;
import io.strand.common.record.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A segment file {@code <20-digit base offset>.log} and its {@code .index}. Appends write through
 * the file channel (the page cache) at the end; reads copy whole batches once from the file into
 * a buffer from the allocator, so memory stays bounded by what Fetch asks for.
 */
final class FileSegment extends Segment {

    private static final Logger log = LoggerFactory.getLogger(FileSegment.class);

    /** How much a header walk reads at a time: many small batches per read, one read per large batch. */
    private static final int SCAN_BLOCK_BYTES = 64 * 1024;
    /** A lookup walks from an index entry to the wanted batch: about one index interval, plus slack for the batch. */
    private static final int LOOKUP_SLACK_BYTES = 2 * 1024;
    /** Recovery reads whole batches to check their CRC; larger blocks mean fewer reads. */
    private static final int RECOVERY_BLOCK_BYTES = 1024 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final OffsetIndex index;
    private final ByteBufAllocator allocator;
    private final int segmentBytes;
    private final int indexIntervalBytes;
    private int size;
    private int bytesSinceLastIndexEntry;
    /** The last offset in the segment: known for a new or recovered segment, which are the only ones appended to. */
    private long lastOffset;
    private boolean statsKnown;
    private long maxTimestamp = NO_TIMESTAMP_SEEN;
    private long offsetOfMaxTimestamp = -1L;

    private FileSegment(Path path, long baseOffset, FileChannel channel, OffsetIndex index, ByteBufAllocator allocator,
                        LogConfig config) throws IOException {
        super(baseOffset);
        this.path = path;
        this.channel = channel;
        this.index = index;
        this.allocator = allocator;
        this.segmentBytes = config.segmentBytes();
        this.indexIntervalBytes = config.indexIntervalBytes();
        long fileSize = channel.size();
        if (fileSize > Integer.MAX_VALUE) {
            throw new IOException(path + " is " + fileSize + " bytes, more than a segment can hold");
        }
        this.size = (int) fileSize;
        this.lastOffset = baseOffset - 1;
    }

    static String fileName(long baseOffset, String suffix) {
        return String.format("%020d%s", baseOffset, suffix);
    }

    /** A new, empty segment in {@code dir}. */
    static FileSegment create(Path dir, long baseOffset, LogConfig config, ByteBufAllocator allocator) throws IOException {
        Path path = dir.resolve(fileName(baseOffset, ".log"));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        try {
            Path indexPath = dir.resolve(fileName(baseOffset, ".index"));
            Files.deleteIfExists(indexPath);
            FileSegment segment = new FileSegment(path, baseOffset, channel, OffsetIndex.open(indexPath, baseOffset),
                allocator, config);
            segment.statsKnown = true;
            return segment;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** An existing segment file, not yet checked: call {@link #loadIndex} or {@link #recover} next. */
    static FileSegment open(Path path, long baseOffset, LogConfig config, ByteBufAllocator allocator) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            Path indexPath = path.resolveSibling(fileName(baseOffset, ".index"));
            return new FileSegment(path, baseOffset, channel, OffsetIndex.open(indexPath, baseOffset), allocator, config);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** Trusts the index file if it is consistent with the segment; @return null, or why it cannot be trusted. */
    String loadIndex() throws IOException {
        return index.load(size);
    }

    /**
     * Checks every batch (lengths, magic, CRC, record count, contiguous offsets from the base
     * offset), truncates the file at the first one that fails, and rebuilds the index and the
     * timestamp summary from what is left.
     *
     * @return whether the file was truncated
     */
    boolean recover() throws IOException {
        index.startRebuild();
        bytesSinceLastIndexEntry = 0;
        lastOffset = baseOffset - 1;
        maxTimestamp = NO_TIMESTAMP_SEEN;
        offsetOfMaxTimestamp = -1L;
        ScanEnd end = scan(0, true, RECOVERY_BLOCK_BYTES, (buf, at, position) -> {
            if (bytesSinceLastIndexEntry > indexIntervalBytes) {
                index.addForRebuild(BatchHeaders.baseOffset(buf, at), position);
                bytesSinceLastIndexEntry = 0;
            }
            int batchSize = BatchHeaders.size(buf, at);
            bytesSinceLastIndexEntry += batchSize;
            track(buf, at);
            return true;
        });
        statsKnown = true;
        boolean truncated = end.problem != null;
        if (truncated) {
            log.warn("Truncating {} at position {} of {} bytes (offset {}): {}", path, end.position, size,
                lastOffset + 1, end.problem);
            channel.truncate(end.position);
            size = end.position;
        }
        index.finishRebuild();
        return truncated;
    }

    /** The offset after the last batch; valid for a new or recovered segment. */
    long nextOffset() {
        return lastOffset + 1;
    }

    @Override
    int sizeInBytes() {
        return size;
    }

    @Override
    boolean canHold(int batchSize, long batchLastOffset) {
        if (batchLastOffset - baseOffset > Integer.MAX_VALUE) {
            return false; // the index stores offsets relative to the base as int32
        }
        return size == 0 || (long) size + batchSize <= segmentBytes;
    }

    @Override
    void append(ByteBuf src, int at, int batchSize, long batchBaseOffset, int leaderEpoch, long logAppendTimeMs)
        throws IOException {
        ByteBuf staging = allocator.directBuffer(batchSize, batchSize);
        try {
            staging.writeBytes(src, at, batchSize);
            BatchHeaders.stamp(staging.nioBuffer(0, batchSize), batchBaseOffset, leaderEpoch, logAppendTimeMs);
            if (bytesSinceLastIndexEntry > indexIntervalBytes) {
                index.append(batchBaseOffset, size);
                bytesSinceLastIndexEntry = 0;
            }
            ByteBuffer bytes = staging.nioBuffer(0, batchSize);
            long position = size;
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
            size += batchSize;
            bytesSinceLastIndexEntry += batchSize;
            track(staging, 0);
        } finally {
            staging.release();
        }
    }

    private void track(ByteBuf buf, int at) {
        lastOffset = BatchHeaders.lastOffset(buf, at);
        long batchMax = BatchHeaders.maxTimestamp(buf, at);
        if (batchMax > maxTimestamp) {
            maxTimestamp = batchMax;
            offsetOfMaxTimestamp = BatchHeaders.baseOffset(buf, at);
        }
    }

    @Override
    int positionOf(long offset) throws IOException {
        if (size == 0 || offset < baseOffset) {
            return -1;
        }
        int[] found = {-1};
        int block = (int) Math.min(SCAN_BLOCK_BYTES, (long) indexIntervalBytes + LOOKUP_SLACK_BYTES);
        ScanEnd end = scan(index.lookup(offset), false, block, (buf, at, position) -> {
            if (BatchHeaders.lastOffset(buf, at) >= offset) {
                found[0] = position;
                return false;
            }
            return true;
        });
        if (end.problem != null) {
            throw corrupt(end.position, end.problem);
        }
        return found[0];
    }

    @Override
    ByteBuf read(int position, int maxBytes, boolean minOneBatch) throws IOException {
        int available = size - position;
        if (available <= 0) {
            return Unpooled.EMPTY_BUFFER;
        }
        ByteBuffer header = ByteBuffer.allocate(DefaultRecordBatch.LOG_OVERHEAD);
        readFully(header, position);
        int first = DefaultRecordBatch.LOG_OVERHEAD + header.getInt(DefaultRecordBatch.LENGTH_OFFSET);
        if (first < BatchHeaders.HEADER_SIZE || first > available) {
            throw corrupt(position, "declares a batch of " + first + " bytes with " + available + " left");
        }
        int length;
        if (first > maxBytes) {
            if (!minOneBatch) {
                return Unpooled.EMPTY_BUFFER;
            }
            length = first;
        } else {
            length = Math.min(maxBytes, available);
        }
        ByteBuf buf = allocator.directBuffer(length, length);
        try {
            while (buf.writerIndex() < length) {
                int n = buf.writeBytes(channel, (long) position + buf.writerIndex(), length - buf.writerIndex());
                if (n < 0) {
                    throw new EOFException(path + " ended at " + (position + buf.writerIndex()) + " while reading " + length
                        + " bytes from " + position);
                }
            }
            // Keep whole batches only: the budget usually ends inside one.
            int end = first;
            while (end + DefaultRecordBatch.LOG_OVERHEAD <= length) {
                int next = BatchHeaders.size(buf, end);
                if (next < BatchHeaders.HEADER_SIZE) {
                    throw corrupt(position + end, "declares a batch of " + next + " bytes");
                }
                if (end + next > length) {
                    break;
                }
                end += next;
            }
            buf.writerIndex(end);
            return buf;
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    @Override
    void forEachBatch(int position, BatchVisitor visitor) throws IOException {
        ScanEnd end = scan(position, false, SCAN_BLOCK_BYTES, visitor);
        if (end.problem != null) {
            throw corrupt(end.position, end.problem);
        }
    }

    @Override
    synchronized long maxTimestamp() throws IOException {
        ensureStats();
        return maxTimestamp;
    }

    @Override
    synchronized long offsetOfMaxTimestamp() throws IOException {
        ensureStats();
        return offsetOfMaxTimestamp;
    }

    /** Segments trusted at open learn their timestamp summary on first use (Kafka keeps a time index instead). */
    private void ensureStats() throws IOException {
        if (!statsKnown) {
            long[] max = {NO_TIMESTAMP_SEEN, -1L};
            forEachBatch(0, (buf, at, position) -> {
                long batchMax = BatchHeaders.maxTimestamp(buf, at);
                if (batchMax > max[0]) {
                    max[0] = batchMax;
                    max[1] = BatchHeaders.baseOffset(buf, at);
                }
                return true;
            });
            maxTimestamp = max[0];
            offsetOfMaxTimestamp = max[1];
            statsKnown = true;
        }
    }

    @Override
    void flush() throws IOException {
        channel.force(false);
    }

    /** Forces the segment and its index: done when a segment stops being the active one under flushEveryAppend. */
    void flushAll() throws IOException {
        channel.force(true);
        index.flush();
    }

    @Override
    void close() {
        try {
            index.close();
        } catch (IOException e) {
            log.warn("Could not close {}", index.path(), e);
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("Could not close {}", path, e);
        }
    }

    @Override
    void delete() throws IOException {
        close();
        Files.deleteIfExists(path);
        Files.deleteIfExists(index.path());
    }

    /** Where a walk stopped: at the end of the data ({@code problem} null) or at a batch that fails a check. */
    private record ScanEnd(int position, String problem) {
    }

    /**
     * Walks batches from {@code from} (a batch start) by their length fields, reading the file in
     * blocks. Header checks always apply; with {@code validate} every batch is also read whole and
     * checked like a produced one, and offsets must continue from the segment's base offset.
     */
    private ScanEnd scan(int from, boolean validate, int blockBytes, BatchVisitor visitor) throws IOException {
        Block block = new Block(Math.min(blockBytes, Math.max(size - from, BatchHeaders.HEADER_SIZE)));
        long expectedBase = baseOffset;
        int position = from;
        for (int n = 0; position < size; n++) {
            int remaining = size - position;
            if (remaining < BatchHeaders.HEADER_SIZE) {
                return new ScanEnd(position, "only " + remaining + " bytes are left, less than a batch header");
            }
            int at = block.fill(position, BatchHeaders.HEADER_SIZE);
            int length = block.buf.getInt(at + DefaultRecordBatch.LENGTH_OFFSET);
            long batchSize = (long) DefaultRecordBatch.LOG_OVERHEAD + length;
            if (batchSize < BatchHeaders.HEADER_SIZE) {
                return new ScanEnd(position, "the batch declares batchLength " + length);
            }
            if (batchSize > remaining) {
                return new ScanEnd(position, "the batch declares " + batchSize + " bytes but only " + remaining
                    + " are left (a torn write)");
            }
            byte magic = block.buf.getByte(at + DefaultRecordBatch.MAGIC_OFFSET);
            if (magic != RecordBatch.MAGIC_VALUE_V2) {
                return new ScanEnd(position, "the batch has magic " + magic);
            }
            if (validate) {
                at = block.fill(position, (int) batchSize);
                try {
                    BatchValidator.validateBatch(block.buf, at, at + (int) batchSize, n, position, "of " + path);
                } catch (KafkaException e) {
                    return new ScanEnd(position, e.getMessage());
                }
                long base = BatchHeaders.baseOffset(block.buf, at);
                if (base != expectedBase) {
                    return new ScanEnd(position, "the batch has base offset " + base + " where " + expectedBase
                        + " was due");
                }
                expectedBase = BatchHeaders.lastOffset(block.buf, at) + 1;
            }
            if (!visitor.visit(block.buf, at, position)) {
                return new ScanEnd(position, null);
            }
            position += (int) batchSize;
        }
        return new ScanEnd(position, null);
    }

    /** A window of the file in a heap buffer, refilled as a walk moves on. */
    private final class Block {
        private ByteBuf buf;
        private int start;
        private int length;

        Block(int capacity) {
            this.buf = Unpooled.buffer(capacity, capacity);
        }

        /** Makes sure {@code [position, position + needed)} is in the buffer; @return its index there. */
        int fill(int position, int needed) throws IOException {
            if (position >= start && position + needed <= start + length) {
                return position - start;
            }
            if (buf.capacity() < needed) {
                buf = Unpooled.buffer(needed, needed);
            }
            int toRead = Math.min(buf.capacity(), size - position);
            ByteBuffer target = buf.nioBuffer(0, toRead);
            readFully(target, position);
            start = position;
            length = toRead;
            return 0;
        }
    }

    private void readFully(ByteBuffer target, long position) throws IOException {
        int offset = 0;
        while (target.hasRemaining()) {
            int n = channel.read(target, position + offset);
            if (n < 0) {
                throw new EOFException(path + " ended at " + (position + offset));
            }
            offset += n;
        }
        target.flip();
    }

    private IOException corrupt(int position, String problem) {
        return new IOException(path + " is corrupt at position " + position + ": " + problem);
    }
}
