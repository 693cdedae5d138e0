package io.strand.interceptors;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Captures what slf4j-simple writes while a block runs: it prints to whatever System.err is at the
 * time of each call. Tests in this module run one at a time, so swapping the stream is safe.
 */
final class LogCapture {

    @FunctionalInterface
    interface Block {
        void run() throws Exception;
    }

    private LogCapture() {
    }

    static List<String> lines(Block block) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            block.run();
        } finally {
            System.setErr(original);
        }
        List<String> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\\R")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
