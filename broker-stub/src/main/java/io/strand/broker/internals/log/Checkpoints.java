package io.strand.broker.internals.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Small text files of per-partition metadata, in Kafka's checkpoint format: a version line, a
 * count line, then one entry per line. Written to a temporary file and renamed over the old one,
 * so a reader after a crash sees the old or the new file whole.
 */
final class Checkpoints {

    private static final String VERSION = "0";

    private Checkpoints() {
    }

    static void write(Path file, List<String> entries, boolean fsync) throws IOException {
        StringBuilder text = new StringBuilder(VERSION).append('\n').append(entries.size()).append('\n');
        for (String entry : entries) {
            text.append(entry).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (fsync) {
                channel.force(true);
            }
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (fsync) {
            fsyncDirectory(file.getParent());
        }
    }

    /**
     * @return the entries, or null when the file is absent
     * @throws IOException also when the file is not a well-formed checkpoint
     */
    static List<String> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (lines.size() < 2 || !lines.get(0).equals(VERSION)) {
            throw new IOException(file + " is not a version " + VERSION + " checkpoint");
        }
        int count;
        try {
            count = Integer.parseInt(lines.get(1));
        } catch (NumberFormatException e) {
            throw new IOException(file + " has a malformed entry count '" + lines.get(1) + "'", e);
        }
        if (count != lines.size() - 2) {
            throw new IOException(file + " declares " + count + " entries but holds " + (lines.size() - 2));
        }
        return new ArrayList<>(lines.subList(2, lines.size()));
    }

    /** Makes a file creation, rename or deletion in {@code directory} durable (Linux, macOS). */
    static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for reading; their file systems order metadata themselves.
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
                throw e;
            }
        }
    }
}
