package io.strand.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts the harness's report into a Markdown file between two marker comments, replacing what a
 * previous run put there and leaving the rest of the file alone; appends the markers the first time.
 */
final class DocSection {

    static final String BEGIN = "<!-- side-by-side:begin (written by bench/side-by-side.sh; edits inside are overwritten) -->";
    static final String END = "<!-- side-by-side:end -->";

    private DocSection() {
    }

    static void write(Path doc, String section) throws IOException {
        String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        String block = BEGIN + "\n" + section.strip() + "\n" + END;
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String updated;
        if (begin >= 0 && end > begin) {
            updated = text.substring(0, begin) + block + text.substring(end + END.length());
        } else if (begin >= 0 || end >= 0) {
            throw new IOException(doc + " has only one of the side-by-side markers; fix it by hand");
        } else {
            updated = text.stripTrailing() + (text.isEmpty() ? "" : "\n\n") + block + "\n";
        }
        Files.writeString(doc, updated, StandardCharsets.UTF_8);
    }
}
