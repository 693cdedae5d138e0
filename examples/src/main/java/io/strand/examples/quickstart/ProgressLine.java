package io.strand.examples.quickstart;

import java.io.Console;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * The quickstart's live progress: a bar, counts and the rate of the last second. On a terminal
 * it rewrites one line in place with {@code \r}; elsewhere (a file, a pipe, CI logs) it prints a
 * new line each time, so nothing fills up with carriage returns.
 */
final class ProgressLine {

    private static final int BAR = 30;
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final PrintStream out;
    private final boolean inPlace;
    private final long total;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private int lastLength;

    /**
     * @param inPlace whether {@code out} is a terminal, where the line is rewritten in place
     * @param total   the records the run will send
     */
    ProgressLine(PrintStream out, boolean inPlace, long total) {
        this.out = out;
        this.inPlace = inPlace;
        this.total = total;
        samples.add(new long[] {0, 0});
    }

    /** Whether {@code out} is standard output and that is a terminal, where a line can be rewritten. */
    static boolean isTerminal(PrintStream out) {
        Console console = System.console();
        if (out != System.out || console == null) {
            return false;
        }
        try {
            // From Java 22 console() is there even when output is redirected; isTerminal() tells.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** How often {@link #show} should be called. */
    long intervalMillis() {
        return inPlace ? 200 : 1000;
    }

    void show(long acked, long received, long elapsedNanos) {
        String line = format(acked, received, rate(received, elapsedNanos), elapsedNanos);
        if (inPlace) {
            int pad = Math.max(0, lastLength - line.length());
            out.print("\r" + line + " ".repeat(pad));
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the line being rewritten, so that what follows starts on a line of its own. */
    void finish() {
        if (inPlace && lastLength > 0) {
            out.println();
            lastLength = 0;
        }
    }

    String format(long acked, long received, long perSecond, long elapsedNanos) {
        int percent = total == 0 ? 100 : (int) Math.min(100, received * 100 / total);
        String counts = String.format(Locale.ROOT, "acked %,d  received %,d  %,d records/s",
            acked, received, perSecond);
        if (!inPlace) {
            return String.format(Locale.ROOT, "  %5.1f s  %3d%%  %s", elapsedNanos / 1e9, percent, counts);
        }
        int filled = (int) ((long) BAR * percent / 100);
        return "  [" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] "
            + String.format(Locale.ROOT, "%3d%%  ", percent) + counts;
    }

    /** Records received per second over about the last second. */
    private long rate(long received, long nowNanos) {
        samples.addLast(new long[] {nowNanos, received});
        while (samples.size() > 2 && nowNanos - samples.peekFirst()[0] > WINDOW_NANOS) {
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        long dt = nowNanos - first[0];
        return dt <= 0 ? 0 : (received - first[1]) * 1_000_000_000L / dt;
    }
}
