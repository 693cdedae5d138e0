package io.strand.broker.internals.log;

import io.netty.buffer.ByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A log in a partition directory {@code <dataDir>/<topic>-<partition>}: segment files, their
 * indexes, and two checkpoints a restart needs: {@value #LOG_START_OFFSET_FILE} (moved by
 * DeleteRecords) and {@value #LEADER_EPOCH_FILE} (the epoch cache, rebuilt from batches if lost).
 * Opening one runs {@link LogLoader}'s recovery.
 */
final class FileLog extends AbstractLog {

    private static final Logger log = LoggerFactory.getLogger(FileLog.class);

    static final String LOG_START_OFFSET_FILE = "log-start-offset";
    static final String LEADER_EPOCH_FILE = "leader-epoch-checkpoint";
    /** Suffix of a partition directory being deleted; such directories are removed again at open. */
    static final String DELETE_SUFFIX = "-delete";

    private final Path dir;
    private final LogConfig config;

    private FileLog(Path dir, String name, LogConfig config, ByteBufAllocator allocator) {
        super(name, allocator);
        this.dir = dir;
        this.config = config;
    }

    /** Opens the log in {@code dir}, creating the directory if needed and recovering what is there. */
    static FileLog open(Path dir, String name, LogConfig config, ByteBufAllocator allocator) throws IOException {
        Files.createDirectories(dir);
        FileLog fileLog = new FileLog(dir, name, config, allocator);
        LogLoader.Loaded loaded = LogLoader.load(dir, name, config, allocator, fileLog.epochs);
        fileLog.restore(new ArrayList<>(loaded.segments()), loaded.logStartOffset(), loaded.logEndOffset());
        return fileLog;
    }

    Path dir() {
        return dir;
    }

    @Override
    protected Segment newSegment(long baseOffset) throws IOException {
        if (config.flushEveryAppend()) {
            // The segment that stops being active was forced after each append; its index was not.
            ((FileSegment) active()).flushAll();
        }
        FileSegment segment = FileSegment.create(dir, baseOffset, config, allocator);
        if (config.flushEveryAppend()) {
            Checkpoints.fsyncDirectory(dir);
        }
        return segment;
    }

    @Override
    protected int maxBatchSize() {
        return config.segmentBytes();
    }

    @Override
    protected void appended(Segment active) throws IOException {
        if (config.flushEveryAppend()) {
            active.flush();
        }
    }

    @Override
    protected void epochsChanged() throws IOException {
        writeEpochs(dir, epochs, config.flushEveryAppend());
    }

    @Override
    protected void logStartOffsetChanged(long startOffset) throws IOException {
        writeLogStartOffset(dir, startOffset, config.flushEveryAppend());
    }

    @Override
    protected void closeStorage() {
    }

    @Override
    protected void deleteStorage() throws IOException {
        // Renamed first, so that a crash half-way leaves a directory that opening recognises as garbage.
        Path doomed = dir.resolveSibling(dir.getFileName() + "." + System.nanoTime() + DELETE_SUFFIX);
        Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(doomed);
        log.info("Deleted the log of {} in {}", name, dir);
    }

    static void writeEpochs(Path dir, LeaderEpochCache epochs, boolean fsync) throws IOException {
        List<String> entries = new ArrayList<>(epochs.size());
        for (int i = 0; i < epochs.size(); i++) {
            entries.add(epochs.epoch(i) + " " + epochs.startOffset(i));
        }
        Checkpoints.write(dir.resolve(LEADER_EPOCH_FILE), entries, fsync);
    }

    static void writeLogStartOffset(Path dir, long startOffset, boolean fsync) throws IOException {
        Checkpoints.write(dir.resolve(LOG_START_OFFSET_FILE), List.of(Long.toString(startOffset)), fsync);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
