package io.strand.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void elsewhereThanATerminalEachUpdateIsALineOfItsOwn() {
        String text = render(false, 1000, 500, 250, 1_000_000_000L, 1000, 1000, 2_000_000_000L);
        assertFalse(text.contains("\r"), text);
        assertEquals(java.util.List.of(
            "    1.0 s   25%  acked 500  received 250  250 records/s",
            "    2.0 s  100%  acked 1,000  received 1,000  750 records/s"), text.lines().toList());
    }

    @Test
    void onATerminalOneLineIsRewrittenInPlaceAndEndedOnce() {
        String text = render(true, 200, 200, 100, 500_000_000L, 200, 200, 1_000_000_000L);
        assertTrue(text.startsWith("\r  [###############...............]  50%  acked 200  received 100  200 records/s"), text);
        assertTrue(text.contains("\r  [##############################] 100%  acked 200  received 200  200 records/s"), text);
        assertTrue(text.endsWith("\n"), text);
        assertEquals(1, text.chars().filter(c -> c == '\n').count(), text);
    }

    @Test
    void aShorterLineBlanksWhatTheLongerOneLeft() {
        ProgressLine progress = new ProgressLine(out, true, 10);
        String longer = progress.format(1_000_000, 1_000_000, 1_000_000, 0);
        String shorter = progress.format(1, 1, 1, 0);
        progress.show(1_000_000, 1_000_000, 1_000_000_000L);
        bytes.reset();
        progress.show(1, 1, 2_000_000_000L);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(longer.length() + 1, text.length(), "\\r, the line, and blanks to the old line's end: " + text);
        assertTrue(shorter.length() < longer.length());
    }

    /** Shows (acked, received, elapsed) triples in turn, finishes, and returns what was printed. */
    private String render(boolean inPlace, long total, long... shows) {
        ProgressLine progress = new ProgressLine(out, inPlace, total);
        for (int i = 0; i < shows.length; i += 3) {
            progress.show(shows[i], shows[i + 1], shows[i + 2]);
        }
        progress.finish();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void standardOutputUnderTestIsNoTerminal() {
        assertFalse(ProgressLine.isTerminal(out));
        assertFalse(ProgressLine.isTerminal(System.out), "surefire redirects standard output");
    }
}
