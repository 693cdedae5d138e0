package io.strand.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocSectionTest {

    @TempDir
    Path dir;

    @Test
    void appendsOnceThenReplacesOnlyBetweenTheMarkers() throws IOException {
        Path doc = dir.resolve("PERF.md");
        Files.writeString(doc, "# Perf\n\nearlier figures\n");
        DocSection.write(doc, "first run");
        DocSection.write(doc, "second run\n");
        assertEquals("# Perf\n\nearlier figures\n\n" + DocSection.BEGIN + "\nsecond run\n" + DocSection.END + "\n",
            Files.readString(doc));
        Files.writeString(doc, Files.readString(doc) + "\nlater text\n");
        DocSection.write(doc, "third");
        assertEquals("# Perf\n\nearlier figures\n\n" + DocSection.BEGIN + "\nthird\n" + DocSection.END + "\n\nlater text\n",
            Files.readString(doc));
    }

    @Test
    void refusesAFileWithOneMarker() throws IOException {
        Path doc = dir.resolve("PERF.md");
        Files.writeString(doc, DocSection.BEGIN + "\nhalf\n");
        assertThrows(IOException.class, () -> DocSection.write(doc, "x"));
    }
}
