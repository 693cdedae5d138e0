package io.strand.broker.internals.log;

import io.netty.buffer.ByteBufAllocator;
import io.strand.common.TopicPartition;
import io.strand.common.errors.InvalidTopicException;
import io.strand.common.errors.KafkaStorageException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Creates, finds and deletes partition logs, one per (topic, partition). In memory by default;
 * on disk under a data directory. Topic metadata (partition counts, ids, configs) is the broker
 * core's: this class knows only which partitions have a log.
 */
public final class LogManager implements AutoCloseable {

    /** Kafka's legal topic names, which are also safe directory names. */
    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private static final Comparator<TopicPartition> BY_TOPIC_AND_PARTITION =
        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final Map<TopicPartition, AbstractLog> logs = new ConcurrentHashMap<>();
    private final LogFactory factory;
    private volatile boolean closed;

    /** Where new logs come from (memory or a data directory). */
    interface LogFactory {
        AbstractLog create(TopicPartition partition);

        /** Releases what the factory holds (the data directory lock, the kept memory). */
        void close();
    }

    private LogManager(LogFactory factory, Map<TopicPartition, AbstractLog> recovered) {
        this.factory = factory;
        this.logs.putAll(recovered);
    }

    /**
     * Logs held in direct memory; the memory of deleted logs is kept for new ones, up to
     * {@link LogMemory#defaultRetainBytes()}. Nothing survives the process.
     */
    public static LogManager inMemory() {
        LogMemory memory = new LogMemory(ByteBufAllocator.DEFAULT, LogMemory.defaultRetainBytes());
        return new LogManager(new LogFactory() {
            @Override
            public AbstractLog create(TopicPartition partition) {
                return new MemoryLog(partition.toString(), memory, ByteBufAllocator.DEFAULT);
            }

            @Override
            public void close() {
                memory.close();
            }
        }, Map.of());
    }

    /** {@link #onDisk(Path, LogConfig, ByteBufAllocator)} with Netty's default allocator for reads. */
    public static LogManager onDisk(Path dataDir, LogConfig config) {
        return onDisk(dataDir, config, ByteBufAllocator.DEFAULT);
    }

    /**
     * Logs in partition directories {@code <dataDir>/<topic>-<partition>}. Opening locks the data
     * directory against a second broker and recovers every partition directory found there (see
     * {@link LogLoader}); {@link #all()} then lists them. Directories left by an interrupted topic
     * deletion are removed; other entries that are not partition directories are left alone.
     *
     * @throws KafkaStorageException the directory is locked by another broker, or unreadable
     */
    public static LogManager onDisk(Path dataDir, LogConfig config, ByteBufAllocator allocator) {
        DiskLogs disk = DiskLogs.open(dataDir, config, allocator);
        try {
            return new LogManager(disk, disk.recover());
        } catch (RuntimeException e) {
            disk.close();
            throw e;
        }
    }

    /** The partition's log, created empty if it does not exist. */
    public PartitionLog getOrCreate(TopicPartition partition) {
        ensureOpen();
        AbstractLog log = logs.get(partition);
        if (log != null) {
            return log;
        }
        checkName(partition);
        // Creation and deletion exclude each other, so that a partition directory being deleted is never re-opened.
        synchronized (this) {
            ensureOpen();
            return logs.computeIfAbsent(partition, factory::create);
        }
    }

    /** The partition's log, or null. */
    public PartitionLog get(TopicPartition partition) {
        return logs.get(partition);
    }

    /** Every partition with a log; after opening a data directory, what was recovered from it. */
    public Map<TopicPartition, PartitionLog> all() {
        Map<TopicPartition, PartitionLog> sorted = new TreeMap<>(BY_TOPIC_AND_PARTITION);
        sorted.putAll(logs);
        return Collections.unmodifiableMap(sorted);
    }

    /** DeleteTopics: closes and removes every partition log of {@code topic}, files included. */
    public synchronized void delete(String topic) {
        List<TopicPartition> doomed = new ArrayList<>();
        for (TopicPartition partition : logs.keySet()) {
            if (partition.topic().equals(topic)) {
                doomed.add(partition);
            }
        }
        KafkaStorageException failure = null;
        for (TopicPartition partition : doomed) {
            AbstractLog log = logs.remove(partition);
            if (log == null) {
                continue;
            }
            try {
                log.delete();
            } catch (KafkaStorageException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AbstractLog log : logs.values()) {
            log.close();
        }
        factory.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The log manager is closed");
        }
    }

    static void checkName(TopicPartition partition) {
        String topic = partition.topic();
        if (topic == null || !LEGAL_TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new InvalidTopicException("Topic name '" + topic + "' is illegal: use 1 to 249 of a-z, A-Z, 0-9, "
                + "'.', '_' and '-', and not '.' or '..' alone");
        }
        if (partition.partition() < 0) {
            throw new IllegalArgumentException("Partition numbers start at 0, got " + partition);
        }
    }
}
