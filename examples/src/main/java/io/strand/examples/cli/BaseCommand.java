package io.strand.examples.cli;

import java.util.List;

/** A command whose name, summary, description and options are fixed when it is made. */
public abstract class BaseCommand implements Command {

    private final String name;
    private final String summary;
    private final String description;
    private final List<Option> options;

    /** A command whose {@code --help} shows its summary. */
    protected BaseCommand(String name, String summary, Option... options) {
        this(name, summary, null, options);
    }

    /**
     * @param description a paragraph for {@code --help}, or null to use the summary
     */
    protected BaseCommand(String name, String summary, String description, Option... options) {
        this.name = name;
        this.summary = summary;
        this.description = description != null ? description : summary;
        this.options = List.of(options);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<Option> options() {
        return options;
    }
}
