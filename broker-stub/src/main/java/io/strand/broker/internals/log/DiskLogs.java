package io.strand.broker.internals.log;

import io.netty.buffer.ByteBufAllocator;
import io.strand.common.KafkaException;
import io.strand.common.TopicPartition;
import io.strand.common.errors.KafkaStorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The data directory of a disk-backed {@link LogManager}: its lock, its partition directories, new logs in it. */
final class DiskLogs implements LogManager.LogFactory {

    private static final Logger log = LoggerFactory.getLogger(DiskLogs.class);
    private static final String LOCK_FILE = ".lock";
    /** The topic may itself contain '-': the partition is what follows the last one. */
    private static final Pattern PARTITION_DIR = Pattern.compile("(.+)-(\\d+)");

    private final Path dataDir;
    private final LogConfig config;
    private final ByteBufAllocator allocator;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DiskLogs(Path dataDir, LogConfig config, ByteBufAllocator allocator, FileChannel lockChannel, FileLock lock) {
        this.dataDir = dataDir;
        this.config = config;
        this.allocator = allocator;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static DiskLogs open(Path dataDir, LogConfig config, ByteBufAllocator allocator) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new KafkaStorageException("The data directory " + dataDir
                    + " is in use by another broker (it holds " + LOCK_FILE + ")");
            }
            return new DiskLogs(dataDir, config, allocator, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new KafkaStorageException("Cannot open the data directory " + dataDir + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Opens and recovers every partition directory. */
    Map<TopicPartition, AbstractLog> recover() {
        Map<TopicPartition, AbstractLog> logs = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataDir, Files::isDirectory)) {
            for (Path dir : entries) {
                String dirName = dir.getFileName().toString();
                if (dirName.endsWith(FileLog.DELETE_SUFFIX)) {
                    log.info("Removing {}, left by a topic deletion that did not finish", dir);
                    FileLog.deleteTree(dir);
                    continue;
                }
                if (dirName.startsWith("__")) {
                    continue; // the broker's own state (topic metadata, committed offsets), not a log
                }
                TopicPartition partition = partitionOf(dirName);
                if (partition == null) {
                    log.warn("Ignoring {} in the data directory: it is not named <topic>-<partition>", dir);
                    continue;
                }
                logs.put(partition, FileLog.open(dir, partition.toString(), config, allocator));
            }
            return logs;
        } catch (IOException | RuntimeException e) {
            for (AbstractLog opened : logs.values()) {
                opened.close();
            }
            if (e instanceof IOException) {
                throw new KafkaStorageException("Cannot recover the logs in " + dataDir + ": " + e, e);
            }
            throw (RuntimeException) e;
        }
    }

    private static TopicPartition partitionOf(String dirName) {
        Matcher m = PARTITION_DIR.matcher(dirName);
        if (!m.matches()) {
            return null;
        }
        try {
            TopicPartition partition = new TopicPartition(m.group(1), Integer.parseInt(m.group(2)));
            LogManager.checkName(partition);
            return partition;
        } catch (NumberFormatException | KafkaException e) {
            return null;
        }
    }

    @Override
    public AbstractLog create(TopicPartition partition) {
        Path dir = dataDir.resolve(partition.topic() + "-" + partition.partition());
        try {
            return FileLog.open(dir, partition.toString(), config, allocator);
        } catch (IOException e) {
            throw new KafkaStorageException("Cannot create the log of " + partition + " in " + dir + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            log.warn("Could not release the lock on {}", dataDir, e);
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("Could not close {}", channel, e);
            }
        }
    }
}
