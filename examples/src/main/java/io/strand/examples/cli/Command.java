package io.strand.examples.cli;

import java.util.List;

/** A subcommand of the examples jar. */
public interface Command {

    /** What to type after the jar, e.g. {@code producer-callback}. */
    String name();

    /** One line for the list of commands. */
    String summary();

    /** A paragraph for {@code <command> --help}; the summary unless a command says more. */
    default String description() {
        return summary();
    }

    /** The options this command accepts, besides {@code --help}. */
    List<Option> options();

    /**
     * Runs the command.
     *
     * @return the exit status: 0 when it did what it set out to do
     */
    int run(Invocation invocation) throws Exception;
}
