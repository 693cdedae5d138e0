package io.strand.broker.internals.log;

import io.netty.buffer.ByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recovery when a partition directory is opened:
 * <ol>
 * <li>leftovers go: temporary checkpoint files and indexes without a segment;</li>
 * <li>every segment but the last keeps its index if the index is consistent with the file
 *     (entries increasing, none past the end); otherwise the segment is re-read, checked batch
 *     by batch and re-indexed, and if that finds damage the segment is cut there and every later
 *     segment is dropped, since the log cannot have a hole;</li>
 * <li>the last (active) segment, the one a crash can leave half-written, is always checked batch
 *     by batch (lengths, magic, CRC-32C, record counts, contiguous offsets) and cut at the first
 *     batch that fails, with a WARN naming the file, position and reason;</li>
 * <li>the log start offset comes from its checkpoint (never below the first segment, never past
 *     the end), segments wholly below it go, and the epoch cache comes from its checkpoint cut to
 *     the recovered log, plus the epochs found in the active segment, or from every batch header
 *     when the checkpoint is missing or unreadable.</li>
 * </ol>
 */
final class LogLoader {

    private static final Logger log = LoggerFactory.getLogger(LogLoader.class);
    private static final Pattern SEGMENT_FILE = Pattern.compile("(\\d{20})\\.(log|index)");

    record Loaded(List<FileSegment> segments, long logStartOffset, long logEndOffset) {
    }

    private LogLoader() {
    }

    /** Recovers the log in {@code dir}, filling {@code epochs}. */
    static Loaded load(Path dir, String name, LogConfig config, ByteBufAllocator allocator, LeaderEpochCache epochs)
        throws IOException {
        TreeMap<Long, Path> logFiles = new TreeMap<>();
        List<Path> indexFiles = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                Matcher m = SEGMENT_FILE.matcher(fileName);
                if (fileName.endsWith(".tmp")) {
                    Files.delete(file); // a checkpoint write that did not finish; the old file is intact
                } else if (m.matches() && m.group(2).equals("log")) {
                    logFiles.put(Long.parseLong(m.group(1)), file);
                } else if (m.matches()) {
                    indexFiles.add(file);
                }
            }
        }
        for (Path indexFile : indexFiles) {
            String base = indexFile.getFileName().toString().substring(0, 20);
            if (!logFiles.containsKey(Long.parseLong(base))) {
                log.warn("Deleting {}: it indexes no segment file", indexFile);
                Files.delete(indexFile);
            }
        }

        Long storedStart = readLogStartOffset(dir);
        List<FileSegment> segments = new ArrayList<>();
        try {
            boolean activeRecovered = openSegments(logFiles, config, allocator, segments);
            if (segments.isEmpty()) {
                segments.add(FileSegment.create(dir, storedStart == null ? 0L : storedStart, config, allocator));
                activeRecovered = true;
            }
            FileSegment active = segments.get(segments.size() - 1);
            if (!activeRecovered) {
                active.recover();
            }
            long end = active.nextOffset();

            long start = Math.max(storedStart == null ? 0L : storedStart, segments.get(0).baseOffset);
            if (start > end) {
                log.warn("The log start offset {} of {} is past the recovered log end {}; using the end", start, name, end);
                start = end;
            }
            if (storedStart == null || start != storedStart) {
                FileLog.writeLogStartOffset(dir, start, config.flushEveryAppend());
            }
            while (segments.size() > 1 && segments.get(1).baseOffset <= start) {
                log.info("Deleting {}: it lies wholly below the log start offset {}", segments.get(0).path(), start);
                segments.remove(0).delete();
            }
            loadEpochs(dir, name, config, segments, start, end, epochs);
            log.info("Loaded the log of {} from {}: offsets {} to {}, {} segments", name, dir, start, end, segments.size());
            return new Loaded(segments, start, end);
        } catch (IOException | RuntimeException e) {
            for (FileSegment segment : segments) {
                segment.close();
            }
            throw e;
        }
    }

    /**
     * Opens every segment, trusting the indexes of all but the last where they are sane.
     *
     * @return whether the last segment opened has been recovered already
     */
    private static boolean openSegments(TreeMap<Long, Path> logFiles, LogConfig config, ByteBufAllocator allocator,
                                     List<FileSegment> segments) throws IOException {
        List<Long> bases = new ArrayList<>(logFiles.keySet());
        for (int i = 0; i < bases.size(); i++) {
            long base = bases.get(i);
            FileSegment segment = FileSegment.open(logFiles.get(base), base, config, allocator);
            segments.add(segment);
            boolean last = i == bases.size() - 1;
            if (last) {
                return false;
            }
            String problem = segment.loadIndex();
            if (problem == null) {
                continue;
            }
            log.warn("Rebuilding the index of {}: {}", segment.path(), problem);
            boolean truncated = segment.recover();
            long next = bases.get(i + 1);
            if (truncated || segment.nextOffset() != next) {
                log.warn("{} ends at offset {} but the next segment starts at {}; deleting the {} later segments",
                    segment.path(), segment.nextOffset(), next, bases.size() - i - 1);
                for (int j = i + 1; j < bases.size(); j++) {
                    FileSegment later = FileSegment.open(logFiles.get(bases.get(j)), bases.get(j), config, allocator);
                    later.delete();
                    logFiles.remove(bases.get(j));
                }
                return true; // this segment is now the active one
            }
        }
        return false;
    }

    private static void loadEpochs(Path dir, String name, LogConfig config, List<FileSegment> segments, long start,
                                   long end, LeaderEpochCache epochs) throws IOException {
        boolean fromCheckpoint = readEpochs(dir, name, epochs);
        String before = epochs.toString();
        FileSegment active = segments.get(segments.size() - 1);
        // Epochs that start in the active segment are re-learned from its batches, which recovery has just checked.
        epochs.truncateFromEnd(fromCheckpoint ? active.baseOffset : Long.MIN_VALUE);
        List<FileSegment> toScan = fromCheckpoint ? List.of(active) : segments;
        for (FileSegment segment : toScan) {
            if (segment.sizeInBytes() > 0) {
                segment.forEachBatch(0, (buf, at, position) -> {
                    epochs.assign(BatchHeaders.partitionLeaderEpoch(buf, at), BatchHeaders.baseOffset(buf, at));
                    return true;
                });
            }
        }
        epochs.truncateFromEnd(end);
        epochs.truncateFromStart(start);
        if (!fromCheckpoint || !before.equals(epochs.toString())) {
            FileLog.writeEpochs(dir, epochs, config.flushEveryAppend());
        }
    }

    /** @return whether the checkpoint was there and readable */
    private static boolean readEpochs(Path dir, String name, LeaderEpochCache epochs) {
        Path file = dir.resolve(FileLog.LEADER_EPOCH_FILE);
        try {
            List<String> entries = Checkpoints.read(file);
            if (entries == null) {
                log.debug("{} has no {}; building the epoch cache from its batches", name, FileLog.LEADER_EPOCH_FILE);
                return false;
            }
            for (String entry : entries) {
                String[] fields = entry.split(" ");
                if (fields.length != 2) {
                    throw new IOException(file + " has a malformed entry '" + entry + "'");
                }
                epochs.assign(Integer.parseInt(fields[0]), Long.parseLong(fields[1]));
            }
            return true;
        } catch (IOException | NumberFormatException e) {
            log.warn("Rebuilding the epoch cache of {} from its batches: {}", name, e.toString());
            epochs.clear();
            return false;
        }
    }

    private static Long readLogStartOffset(Path dir) {
        Path file = dir.resolve(FileLog.LOG_START_OFFSET_FILE);
        try {
            List<String> entries = Checkpoints.read(file);
            if (entries == null) {
                return null;
            }
            if (entries.size() != 1) {
                throw new IOException(file + " holds " + entries.size() + " entries, not 1");
            }
            return Long.parseLong(entries.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            log.warn("Ignoring {}; the log starts at its first segment: {}", file, e.toString());
            return null;
        }
    }
}
