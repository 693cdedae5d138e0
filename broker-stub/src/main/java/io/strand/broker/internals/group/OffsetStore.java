package io.strand.broker.internals.group;

import io.strand.common.TopicPartition;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Committed offsets of every group, in memory and, with a data directory, in an {@link OffsetLog}.
 * Every change reaches the log before memory, so a failed write changes nothing.
 *
 * <p>Its monitor is the innermost lock of the coordinator: it is taken while a group lock may be
 * held, and nothing here calls out while holding it.
 */
final class OffsetStore implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(OffsetStore.class);

    /** Compaction waits until the log has at least this many records, and more than twice the live ones. */
    static final long DEFAULT_COMPACTION_MIN_RECORDS = 10_000;

    private static final Comparator<TopicPartition> ORDER =
        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final Map<String, Map<TopicPartition, CommittedOffset>> offsets;
    private final OffsetLog offsetLog;
    private final long compactionMinRecords;
    private long liveCount;
    private boolean closed;

    private OffsetStore(Map<String, Map<TopicPartition, CommittedOffset>> offsets, OffsetLog offsetLog,
                        long compactionMinRecords) {
        this.offsets = offsets;
        this.offsetLog = offsetLog;
        this.compactionMinRecords = compactionMinRecords;
        offsets.values().forEach(m -> liveCount += m.size());
    }

    static OffsetStore inMemory() {
        return new OffsetStore(new HashMap<>(), null, DEFAULT_COMPACTION_MIN_RECORDS);
    }

    /** Loads the offsets persisted under {@code dataDir}; later changes are appended there. */
    static OffsetStore open(Path dataDir, long compactionMinRecords) throws IOException {
        Map<String, Map<TopicPartition, CommittedOffset>> loaded = new HashMap<>();
        OffsetLog offsetLog = OffsetLog.open(dataDir, loaded);
        OffsetStore store = new OffsetStore(loaded, offsetLog, compactionMinRecords);
        log.info("Loaded {} committed offsets of {} groups from {}", store.liveCount, loaded.size(), dataDir);
        return store;
    }

    synchronized Set<String> groupIds() {
        return Set.copyOf(offsets.keySet());
    }

    synchronized boolean hasOffsets(String group) {
        return offsets.containsKey(group);
    }

    synchronized CommittedOffset get(String group, TopicPartition tp) {
        Map<TopicPartition, CommittedOffset> m = offsets.get(group);
        return m == null ? null : m.get(tp);
    }

    /** Every offset of {@code group}, ordered by topic and partition. */
    synchronized Map<TopicPartition, CommittedOffset> all(String group) {
        Map<TopicPartition, CommittedOffset> m = offsets.get(group);
        Map<TopicPartition, CommittedOffset> copy = new TreeMap<>(ORDER);
        if (m != null) {
            copy.putAll(m);
        }
        return copy;
    }

    synchronized void commit(String group, Map<TopicPartition, CommittedOffset> commits) throws IOException {
        checkOpen();
        if (commits.isEmpty()) {
            return;
        }
        if (offsetLog != null) {
            offsetLog.appendCommits(group, commits);
        }
        Map<TopicPartition, CommittedOffset> m = offsets.computeIfAbsent(group, g -> new HashMap<>());
        for (Map.Entry<TopicPartition, CommittedOffset> e : commits.entrySet()) {
            if (m.put(e.getKey(), e.getValue()) == null) {
                liveCount++;
            }
        }
        maybeCompact();
    }

    /** Removes the offsets of {@code group} that {@code expired} selects; returns how many. */
    synchronized int expire(String group, Predicate<CommittedOffset> expired) throws IOException {
        Map<TopicPartition, CommittedOffset> m = offsets.get(group);
        List<TopicPartition> gone = new ArrayList<>();
        if (m != null) {
            m.forEach((tp, o) -> {
                if (expired.test(o)) {
                    gone.add(tp);
                }
            });
        }
        return remove(group, gone);
    }

    /** Removes the offsets of {@code group} in these partitions, where it has any; returns how many. */
    synchronized int remove(String group, Collection<TopicPartition> partitions) throws IOException {
        checkOpen();
        Map<TopicPartition, CommittedOffset> m = offsets.get(group);
        if (m == null) {
            return 0;
        }
        Set<TopicPartition> gone = new LinkedHashSet<>();
        for (TopicPartition tp : partitions) {
            if (m.containsKey(tp)) {
                gone.add(tp);
            }
        }
        if (gone.isEmpty()) {
            return 0;
        }
        if (offsetLog != null) {
            offsetLog.appendTombstones(group, List.copyOf(gone));
        }
        gone.forEach(m::remove);
        liveCount -= gone.size();
        if (m.isEmpty()) {
            offsets.remove(group);
        }
        maybeCompact();
        return gone.size();
    }

    synchronized void deleteGroup(String group) throws IOException {
        checkOpen();
        Map<TopicPartition, CommittedOffset> m = offsets.get(group);
        if (m == null) {
            return;
        }
        if (offsetLog != null) {
            offsetLog.appendGroupDeletion(group);
        }
        offsets.remove(group);
        liveCount -= m.size();
        maybeCompact();
    }

    /** Drops every group's offsets of {@code topic}; returns the groups that had some. */
    synchronized List<String> deleteTopic(String topic) throws IOException {
        checkOpen();
        List<String> affected = new ArrayList<>();
        offsets.forEach((group, m) -> {
            if (m.keySet().stream().anyMatch(tp -> tp.topic().equals(topic))) {
                affected.add(group);
            }
        });
        if (affected.isEmpty()) {
            return affected;
        }
        if (offsetLog != null) {
            offsetLog.appendTopicDeletion(topic);
        }
        for (String group : affected) {
            Map<TopicPartition, CommittedOffset> m = offsets.get(group);
            int before = m.size();
            m.keySet().removeIf(tp -> tp.topic().equals(topic));
            liveCount -= before - m.size();
            if (m.isEmpty()) {
                offsets.remove(group);
            }
        }
        maybeCompact();
        return affected;
    }

    private void maybeCompact() {
        if (offsetLog == null) {
            return;
        }
        long records = offsetLog.records();
        if (records >= compactionMinRecords && records > 2 * liveCount) {
            try {
                offsetLog.compact(snapshot());
            } catch (IOException e) {
                // The old file is intact and still appended to; try again after the next change.
                log.warn("Could not compact the offsets log", e);
            }
        }
    }

    private Map<String, Map<TopicPartition, CommittedOffset>> snapshot() {
        Map<String, Map<TopicPartition, CommittedOffset>> copy = new LinkedHashMap<>();
        offsets.forEach((g, m) -> copy.put(g, new HashMap<>(m)));
        return copy;
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("The offset store is closed");
        }
    }

    /** Compacts the log (a restart then replays only live offsets) and closes it. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (offsetLog != null) {
            try {
                offsetLog.compact(snapshot());
            } finally {
                offsetLog.close();
            }
        }
    }
}
