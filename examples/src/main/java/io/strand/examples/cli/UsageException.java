package io.strand.examples.cli;

/** A command line the program cannot run: an unknown command or option, or a bad value. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
