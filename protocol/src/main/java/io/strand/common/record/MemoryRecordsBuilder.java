package io.strand.common.record;

import io.strand.common.header.Header;

import io.netty.buffer.ByteBuf;
import io.strand.common.compress.Compression;
import io.strand.common.utils.ByteUtils;
import io.strand.common.utils.Crc32C;
import java.nio.ByteBuffer;

/**
 * Builds one record batch v2 into a Netty {@link ByteBuf}, encoding each record once.
 *
 * <p>Why a ByteBuf rather than a ByteBuffer: the producer's memory comes from a pooled allocator
 * bounded by {@code buffer.memory}, and the finished batch goes to a Netty channel as it is, with
 * its reference count tying the memory to the in-flight request; a ByteBuf also grows by itself
 * when one record is larger than {@code batch.size}. Readers take ByteBuffers ({@link MemoryRecords}),
 * which any ByteBuf can expose without a copy.
 *
 * <p>Uncompressed, records are written straight after a reserved 61-byte header in the output.
 * Compressed, they are written into a scratch buffer taken from the output's allocator (so it is
 * pooled when the output is), and compressed once into the output at {@link #close()}, which then
 * returns the scratch; the codecs reuse their native state across batches. The header (offsets,
 * count, timestamps, producer fields, attributes, CRC-32C) is filled in at close.
 *
 * <p>Producer and batch fields may be set until close; the control flag only before the first
 * record. Not thread-safe: the accumulator appends under its own lock.
 */
public final class MemoryRecordsBuilder {

    /** How much larger than estimated a compressed batch may come out, as Apache's producer assumes. */
    private static final float COMPRESSION_RATE_ESTIMATION_FACTOR = 1.05f;
    private static final int MIN_SCRATCH_CAPACITY = 1024;

    private final ByteBuf out;
    private final int batchStart;
    private final Compression compression;
    private final TimestampType timestampType;
    private final long baseOffset;

    private ByteBuf records;
    private int recordsStart;
    private long logAppendTime = RecordBatch.NO_TIMESTAMP;
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatch.NO_SEQUENCE;
    private boolean transactional;
    private boolean control;
    private int partitionLeaderEpoch = RecordBatch.NO_PARTITION_LEADER_EPOCH;
    private int writeLimit = Integer.MAX_VALUE;
    private float estimatedCompressionRatio = 1.0f;

    private int numRecords;
    private long firstTimestamp;
    private long maxTimestamp = RecordBatch.NO_TIMESTAMP;
    private int uncompressedRecordsSize;
    private int recordStart;
    private int batchSize = -1;

    /**
     * Starts a batch at {@code out}'s writer index.
     *
     * @param timestampType CREATE_TIME, or LOG_APPEND_TIME with {@link #logAppendTime} set before close
     */
    public MemoryRecordsBuilder(ByteBuf out, Compression compression, TimestampType timestampType, long baseOffset) {
        if (timestampType == TimestampType.NO_TIMESTAMP_TYPE) {
            throw new IllegalArgumentException("A v2 batch needs CreateTime or LogAppendTime, not " + timestampType);
        }
        this.out = out;
        this.compression = compression;
        this.timestampType = timestampType;
        this.baseOffset = baseOffset;
        this.batchStart = out.writerIndex();
        out.writeZero(DefaultRecordBatch.RECORD_BATCH_OVERHEAD);
        if (compression.type() == CompressionType.NONE) {
            records = out;
            recordsStart = out.writerIndex();
        }
    }

    /** Sets the idempotent or transactional producer's fields. */
    public MemoryRecordsBuilder producerState(long producerId, short producerEpoch, int baseSequence, boolean transactional) {
        ensureOpen();
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        this.transactional = transactional;
        return this;
    }

    /** Marks the batch as holding control records (transaction markers) only. */
    public MemoryRecordsBuilder controlBatch(boolean control) {
        ensureOpen();
        if (numRecords > 0) {
            throw new IllegalStateException("The control flag must be set before the first record");
        }
        this.control = control;
        return this;
    }

    public MemoryRecordsBuilder partitionLeaderEpoch(int epoch) {
        ensureOpen();
        this.partitionLeaderEpoch = epoch;
        return this;
    }

    /** The broker's append time, stored as the max timestamp of a LOG_APPEND_TIME batch. */
    public MemoryRecordsBuilder logAppendTime(long logAppendTime) {
        ensureOpen();
        this.logAppendTime = logAppendTime;
        return this;
    }

    /** The batch size {@link #hasRoomFor} and {@link #isFull} compare against ({@code batch.size}). */
    public MemoryRecordsBuilder writeLimit(int writeLimit) {
        this.writeLimit = writeLimit;
        return this;
    }

    /** Compressed size / uncompressed size expected for this topic and codec; 1.0 assumes nothing. */
    public MemoryRecordsBuilder estimatedCompressionRatio(float ratio) {
        this.estimatedCompressionRatio = ratio;
        return this;
    }

    public void append(long timestamp, byte[] key, byte[] value) {
        append(timestamp, key, value, Record.EMPTY_HEADERS);
    }

    public void append(long timestamp, byte[] key, byte[] value, Header[] headers) {
        checkAppend(timestamp, false);
        Header[] h = headers == null ? Record.EMPTY_HEADERS : headers;
        ByteBuf target = beginRecord(timestamp, size(key), size(value), h);
        DefaultRecordWriter.writeField(target, key);
        DefaultRecordWriter.writeField(target, value);
        endRecord(target, timestamp, h);
    }

    /** Appends the remaining bytes of key and value; their positions are left as they were. */
    public void append(long timestamp, ByteBuffer key, ByteBuffer value, Header[] headers) {
        checkAppend(timestamp, false);
        appendBuffers(timestamp, key, value, headers == null ? Record.EMPTY_HEADERS : headers);
    }

    /** Appends a control record; the batch must have been marked with {@link #controlBatch(boolean)}. */
    public void appendControlRecord(long timestamp, ControlRecordType type, ByteBuffer value) {
        checkAppend(timestamp, true);
        appendBuffers(timestamp, type.recordKey(), value, Record.EMPTY_HEADERS);
    }

    public void appendEndTxnMarker(long timestamp, EndTransactionMarker marker) {
        if (producerId == RecordBatch.NO_PRODUCER_ID) {
            throw new IllegalArgumentException("A transaction marker needs the producer id of its transaction");
        }
        if (!transactional) {
            throw new IllegalArgumentException("A transaction marker belongs in a transactional batch");
        }
        appendControlRecord(timestamp, marker.controlType(), marker.value());
    }

    private void appendBuffers(long timestamp, ByteBuffer key, ByteBuffer value, Header[] headers) {
        ByteBuf target = beginRecord(timestamp, key == null ? -1 : key.remaining(),
            value == null ? -1 : value.remaining(), headers);
        DefaultRecordWriter.writeField(target, key);
        DefaultRecordWriter.writeField(target, value);
        endRecord(target, timestamp, headers);
    }

    /** Writes the record's length and deltas; key and value follow, then {@link #endRecord}. */
    private ByteBuf beginRecord(long timestamp, int keySize, int valueSize, Header[] headers) {
        long timestampDelta = timestampDelta(timestamp);
        int body = DefaultRecordWriter.sizeOfBody(numRecords, timestampDelta, keySize, valueSize,
            DefaultRecordWriter.sizeOfHeaders(headers));
        ByteBuf target = records(ByteUtils.sizeOfVarint(body) + body);
        recordStart = target.writerIndex();
        DefaultRecordWriter.writePrefix(target, body, timestampDelta, numRecords);
        return target;
    }

    private void endRecord(ByteBuf target, long timestamp, Header[] headers) {
        DefaultRecordWriter.writeHeaders(target, headers);
        if (numRecords == 0) {
            firstTimestamp = timestamp;
        }
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        uncompressedRecordsSize += target.writerIndex() - recordStart;
        numRecords++;
    }

    private void checkAppend(long timestamp, boolean controlRecord) {
        ensureOpen();
        if (timestamp < 0 && timestamp != RecordBatch.NO_TIMESTAMP) {
            throw new IllegalArgumentException("Invalid negative timestamp " + timestamp);
        }
        if (controlRecord != control) {
            throw new IllegalArgumentException(control
                ? "A control batch holds control records only"
                : "Control records need a batch marked with controlBatch(true)");
        }
        if (numRecords == Integer.MAX_VALUE) {
            throw new IllegalStateException("A batch holds at most " + Integer.MAX_VALUE + " records");
        }
    }

    private long timestampDelta(long timestamp) {
        return numRecords == 0 ? 0 : timestamp - firstTimestamp;
    }

    /** Where records go, with room for {@code bytes} more. */
    private ByteBuf records(int bytes) {
        if (records == null) {
            int capacity = Math.max(MIN_SCRATCH_CAPACITY, Math.max(bytes, out.writableBytes()));
            records = out.isDirect() ? out.alloc().directBuffer(capacity) : out.alloc().heapBuffer(capacity);
            recordsStart = records.writerIndex();
        }
        records.ensureWritable(bytes);
        return records;
    }

    private static int size(byte[] bytes) {
        return bytes == null ? -1 : bytes.length;
    }

    /**
     * Whether a record of these sizes fits under the write limit. The first record always fits:
     * a record larger than {@code batch.size} gets a batch of its own.
     */
    public boolean hasRoomFor(long timestamp, int keySize, int valueSize, Header[] headers) {
        if (isClosed()) {
            return false;
        }
        if (numRecords == 0) {
            return true;
        }
        int recordSize = DefaultRecordWriter.sizeInBytes(numRecords, timestamp - firstTimestamp, keySize, valueSize,
            headers == null ? Record.EMPTY_HEADERS : headers);
        return estimatedSizeInBytes() + estimateCompressed(recordSize) <= writeLimit;
    }

    public boolean hasRoomFor(long timestamp, byte[] key, byte[] value, Header[] headers) {
        return hasRoomFor(timestamp, size(key), size(value), headers);
    }

    public boolean hasRoomFor(long timestamp, ByteBuffer key, ByteBuffer value, Header[] headers) {
        return hasRoomFor(timestamp, key == null ? -1 : key.remaining(), value == null ? -1 : value.remaining(), headers);
    }

    /** The batch's size so far: exact without compression, estimated with it; exact once closed. */
    public int estimatedSizeInBytes() {
        if (isClosed()) {
            return batchSize;
        }
        return DefaultRecordBatch.RECORD_BATCH_OVERHEAD + estimateCompressed(uncompressedRecordsSize);
    }

    private int estimateCompressed(int uncompressedBytes) {
        if (compression.type() == CompressionType.NONE) {
            return uncompressedBytes;
        }
        return (int) Math.min(Integer.MAX_VALUE,
            (long) Math.ceil(uncompressedBytes * (double) estimatedCompressionRatio * COMPRESSION_RATE_ESTIMATION_FACTOR));
    }

    public boolean isFull() {
        return isClosed() || (numRecords > 0 && estimatedSizeInBytes() >= writeLimit);
    }

    public int numRecords() {
        return numRecords;
    }

    /** The offset the next appended record would get. */
    public long nextOffset() {
        return baseOffset + numRecords;
    }

    public int uncompressedBytesWritten() {
        return DefaultRecordBatch.RECORD_BATCH_OVERHEAD + uncompressedRecordsSize;
    }

    /** Actual compressed size over uncompressed size, once closed; feeds the next estimate. */
    public float compressionRatio() {
        if (!isClosed() || numRecords == 0) {
            return 1.0f;
        }
        return (float) batchSize / uncompressedBytesWritten();
    }

    public boolean isClosed() {
        return batchSize >= 0;
    }

    /**
     * Compresses if needed and writes the header, leaving {@code out}'s writer index after the batch.
     * A builder with no records writes nothing.
     */
    public void close() {
        if (isClosed()) {
            return;
        }
        if (numRecords == 0) {
            abort();
            return;
        }
        if (timestampType == TimestampType.LOG_APPEND_TIME && logAppendTime == RecordBatch.NO_TIMESTAMP) {
            throw new IllegalStateException("A LogAppendTime batch needs logAppendTime(...) before close");
        }
        if (records != out) {
            try {
                compression.compress(records.nioBuffer(recordsStart, records.writerIndex() - recordsStart), out);
            } finally {
                releaseScratch();
            }
        }
        batchSize = out.writerIndex() - batchStart;
        writeHeader();
    }

    /** Drops the batch: releases the scratch and rewinds the output to where the batch began. */
    public void abort() {
        releaseScratch();
        out.writerIndex(batchStart);
        batchSize = 0;
    }

    private void releaseScratch() {
        if (records != null && records != out) {
            records.release();
        }
        records = null;
    }

    private void writeHeader() {
        int b = batchStart;
        out.setLong(b + DefaultRecordBatch.BASE_OFFSET_OFFSET, baseOffset);
        out.setInt(b + DefaultRecordBatch.LENGTH_OFFSET, batchSize - DefaultRecordBatch.LOG_OVERHEAD);
        out.setInt(b + DefaultRecordBatch.PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch);
        out.setByte(b + DefaultRecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC_VALUE_V2);
        out.setShort(b + DefaultRecordBatch.ATTRIBUTES_OFFSET, attributes());
        out.setInt(b + DefaultRecordBatch.LAST_OFFSET_DELTA_OFFSET, numRecords - 1);
        out.setLong(b + DefaultRecordBatch.BASE_TIMESTAMP_OFFSET, firstTimestamp);
        out.setLong(b + DefaultRecordBatch.MAX_TIMESTAMP_OFFSET,
            timestampType == TimestampType.LOG_APPEND_TIME ? logAppendTime : maxTimestamp);
        out.setLong(b + DefaultRecordBatch.PRODUCER_ID_OFFSET, producerId);
        out.setShort(b + DefaultRecordBatch.PRODUCER_EPOCH_OFFSET, producerEpoch);
        out.setInt(b + DefaultRecordBatch.BASE_SEQUENCE_OFFSET, baseSequence);
        out.setInt(b + DefaultRecordBatch.RECORDS_COUNT_OFFSET, numRecords);
        int crcLength = batchSize - DefaultRecordBatch.ATTRIBUTES_OFFSET;
        out.setInt(b + DefaultRecordBatch.CRC_OFFSET, (int) Crc32C.compute(out, b + DefaultRecordBatch.ATTRIBUTES_OFFSET, crcLength));
    }

    private int attributes() {
        int attributes = compression.type().id;
        if (timestampType == TimestampType.LOG_APPEND_TIME) {
            attributes |= DefaultRecordBatch.TIMESTAMP_TYPE_MASK;
        }
        if (transactional) {
            attributes |= DefaultRecordBatch.TRANSACTIONAL_FLAG_MASK;
        }
        if (control) {
            attributes |= DefaultRecordBatch.CONTROL_FLAG_MASK;
        }
        return attributes;
    }

    /** The finished batch, as a view of {@code out} (not retained). Closes the builder first. */
    public ByteBuf batch() {
        close();
        return out.slice(batchStart, batchSize);
    }

    /** The finished batch for reading. Closes the builder first. */
    public MemoryRecords build() {
        close();
        return MemoryRecords.readableRecords(out.nioBuffer(batchStart, batchSize));
    }

    private void ensureOpen() {
        if (isClosed()) {
            throw new IllegalStateException("The batch is closed");
        }
    }
}
