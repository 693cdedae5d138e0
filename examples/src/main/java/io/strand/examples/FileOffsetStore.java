package io.strand.examples;

import io.strand.clients.consumer.ConsumerRecord;
import io.strand.common.TopicPartition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where a consumer keeps its results and its offsets together, instead of committing offsets to
 * Kafka: one file, rewritten whole and renamed into place, so that a crash leaves either the old
 * results with the old offsets or the new with the new, never a mix. The "result" here is a count
 * of records processed per partition; a real application would keep its own data the same way
 * (or in a database, in one transaction with the offsets).
 */
public final class FileOffsetStore {

    private static final String POSITION = "position.";
    private static final String PROCESSED = "processed.";

    private final Path file;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final Map<TopicPartition, Long> processed = new HashMap<>();

    private FileOffsetStore(Path file) {
        this.file = file;
    }

    /** Opens the store in {@code file}, reading what it holds if it exists. */
    public static FileOffsetStore open(Path file) {
        FileOffsetStore store = new FileOffsetStore(file);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the offset store " + file, e);
        }
        for (String key : p.stringPropertyNames()) {
            long value = Long.parseLong(p.getProperty(key));
            if (key.startsWith(POSITION)) {
                store.positions.put(parse(key.substring(POSITION.length())), value);
            } else if (key.startsWith(PROCESSED)) {
                store.processed.put(parse(key.substring(PROCESSED.length())), value);
            }
        }
        return store;
    }

    /** The offset to resume a partition at, or null if this store has never seen it. */
    public synchronized Long position(TopicPartition tp) {
        return positions.get(tp);
    }

    /** Records that {@code record} was processed: its result, and that the next offset is the one after it. */
    public synchronized void process(ConsumerRecord<?, ?> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        processed.merge(tp, 1L, Long::sum);
        positions.put(tp, record.offset() + 1);
    }

    /** Records processed per partition. */
    public synchronized Map<TopicPartition, Long> processed() {
        return Map.copyOf(processed);
    }

    public synchronized Map<TopicPartition, Long> positions() {
        return Map.copyOf(positions);
    }

    /** Writes results and offsets to the file in one atomic step. */
    public synchronized void save() {
        Properties p = new Properties();
        positions.forEach((tp, offset) -> p.setProperty(POSITION + tp, Long.toString(offset)));
        processed.forEach((tp, count) -> p.setProperty(PROCESSED + tp, Long.toString(count)));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "results and offsets, written together");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the offset store " + file, e);
        }
    }

    /** Reads "topic-partition", the form TopicPartition.toString() writes. */
    private static TopicPartition parse(String s) {
        int dash = s.lastIndexOf('-');
        return new TopicPartition(s.substring(0, dash), Integer.parseInt(s.substring(dash + 1)));
    }
}
