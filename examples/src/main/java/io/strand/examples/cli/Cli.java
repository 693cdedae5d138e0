package io.strand.examples.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Dispatches {@code <command> [options]} to one of a list of commands, prints help, and turns
 * failures into an exit status: 0 done, 1 failed, 2 the command line was wrong.
 */
public final class Cli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private static final Option HELP = Option.flag("help", "show this help");

    private final String program;
    private final String about;
    private final List<Command> commands;

    /**
     * @param program how to invoke the program, for usage lines
     * @param about   one line on what the program is
     */
    public Cli(String program, String about, List<Command> commands) {
        this.program = program;
        this.about = about;
        this.commands = List.copyOf(commands);
    }

    public List<Command> commands() {
        return commands;
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || isHelp(args[0])) {
            printCommands(args.length == 0 ? err : out);
            return args.length == 0 ? USAGE : OK;
        }
        Command command = commands.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
        if (command == null) {
            err.println("Unknown command '" + args[0] + "'. The commands are:");
            printCommandList(err);
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.stream().anyMatch(Cli::isHelp)) {
            printHelp(command, out);
            return OK;
        }
        Invocation invocation;
        try {
            invocation = Invocation.parse(command, rest, out);
        } catch (UsageException e) {
            usageError(command, e, err);
            return USAGE;
        }
        try (invocation) {
            return command.run(invocation);
        } catch (UsageException e) {
            usageError(command, e, err);
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(command.name() + ": interrupted");
            return FAILED;
        } catch (Exception e) {
            err.println(command.name() + " failed: " + describe(e));
            return FAILED;
        }
    }

    /** The message of an exception and of its causes, which usually say more than its class. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage() != null ? e.getMessage() : e));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append("\n  caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    private void usageError(Command command, UsageException e, PrintStream err) {
        err.println(command.name() + ": " + e.getMessage());
        err.println("See: " + program + " " + command.name() + " --help");
    }

    private void printCommands(PrintStream out) {
        out.println(about);
        out.println();
        out.println("Usage: " + program + " <command> [options]");
        out.println("       " + program + " <command> --help");
        out.println();
        out.println("Commands:");
        printCommandList(out);
        out.println();
        out.println("Each command starts a bundled broker in the same process, or uses the Kafka that");
        out.println("--bootstrap-server host:port names.");
    }

    private void printCommandList(PrintStream out) {
        int width = commands.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        for (Command c : commands) {
            out.printf("  %-" + width + "s  %s%n", c.name(), c.summary());
        }
    }

    private void printHelp(Command command, PrintStream out) {
        out.println("Usage: " + program + " " + command.name() + " [options]");
        out.println();
        out.println(command.description());
        out.println();
        out.println("Options:");
        List<Option> options = new java.util.ArrayList<>(command.options());
        options.add(HELP);
        int width = options.stream().mapToInt(o -> o.synopsis().length()).max().orElse(0);
        for (Option o : options) {
            String dflt = o.defaultValue() != null ? " (default: " + o.defaultValue() + ")"
                : o.equals(Option.BOOTSTRAP_SERVER) ? " (default: the bundled broker)" : "";
            out.printf("  %-" + width + "s  %s%s%n", o.synopsis(), o.description(), dflt);
        }
    }
}
