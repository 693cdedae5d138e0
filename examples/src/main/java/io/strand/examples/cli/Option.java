package io.strand.examples.cli;

import java.util.Objects;

/**
 * A command-line option: {@code --name value} (or {@code --name=value}), or a flag when it takes
 * no value.
 *
 * @param name         without the leading dashes
 * @param valueName    what the value is, for the help text; null for a flag
 * @param description  one line for the help text
 * @param defaultValue the value when the option is absent; null when there is none
 * @param min          for a whole-number option, its least value; null for any other
 */
public record Option(String name, String valueName, String description, String defaultValue, Integer min) {

    /** The Kafka to use; without it a bundled broker starts in the same process. */
    public static final Option BOOTSTRAP_SERVER = new Option("bootstrap-server", "host:port",
        "the Kafka cluster to use", null, null);

    public Option {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }

    public static Option topic(String defaultTopic) {
        return new Option("topic", "name", "the topic to use", defaultTopic, null);
    }

    public static Option records(int defaultCount) {
        return number("records", "how many records to send", defaultCount, 1);
    }

    public static Option value(String name, String valueName, String description, String defaultValue) {
        return new Option(name, valueName, description, defaultValue, null);
    }

    /** A whole number of at least {@code min}, checked when the command line is read. */
    public static Option number(String name, String description, int defaultValue, int min) {
        return new Option(name, "n", description, Integer.toString(defaultValue), min);
    }

    public static Option flag(String name, String description) {
        return new Option(name, null, description, null, null);
    }

    public boolean isFlag() {
        return valueName == null;
    }

    /**
     * Checks a value of a whole-number option.
     *
     * @throws UsageException if it is not a number or too small
     */
    int parseInt(String raw) {
        int n;
        try {
            n = Integer.parseInt(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + raw + "'");
        }
        if (min != null && n < min) {
            throw new UsageException("--" + name + " must be at least " + min + ", got " + n);
        }
        return n;
    }

    /** The left column of the help text, e.g. {@code --records <n>}. */
    String synopsis() {
        return isFlag() ? "--" + name : "--" + name + " <" + valueName + ">";
    }
}
