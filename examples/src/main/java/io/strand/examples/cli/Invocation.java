package io.strand.examples.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a command: its option values, where to print, and the Kafka it talks to, which is
 * the bundled broker started on first use unless {@code --bootstrap-server} named another.
 * Closing it stops the bundled broker.
 */
public final class Invocation implements AutoCloseable {

    private final Command command;
    private final Map<String, String> values;
    private final PrintStream out;
    private KafkaTarget target;

    Invocation(Command command, Map<String, String> values, PrintStream out) {
        this.command = command;
        this.values = values;
        this.out = out;
    }

    /**
     * Reads {@code args} (everything after the command name) against the command's options.
     *
     * @throws UsageException naming the argument at fault
     */
    public static Invocation parse(Command command, List<String> args, PrintStream out) {
        Map<String, Option> known = new HashMap<>();
        for (Option o : command.options()) {
            known.put(o.name(), o);
        }
        Map<String, String> values = new HashMap<>();
        for (Option o : command.options()) {
            if (o.defaultValue() != null) {
                values.put(o.name(), o.defaultValue());
            }
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            Option option = known.get(name);
            if (option == null) {
                throw new UsageException("unknown option --" + name);
            }
            String value;
            if (option.isFlag()) {
                if (eq >= 0) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException("--" + name + " needs a value <" + option.valueName() + ">");
            }
            if (option.min() != null) {
                option.parseInt(value);
            }
            values.put(name, value);
        }
        return new Invocation(command, values, out);
    }

    public PrintStream out() {
        return out;
    }

    /** An option's value, its default when absent, or null when it has neither. */
    public String string(String option) {
        declared(option);
        return values.get(option);
    }

    public boolean flag(String option) {
        return "true".equals(string(option));
    }

    /** The value of a whole-number option, checked when the command line was read. */
    public int intValue(String option) {
        Option o = declared(option);
        if (o.min() == null) {
            throw new IllegalArgumentException("--" + option + " of " + command.name() + " is not a number option");
        }
        return o.parseInt(values.get(option));
    }

    public String topic() {
        return string("topic");
    }

    public int records() {
        return intValue("records");
    }

    /** The Kafka this run uses; the first call starts the bundled broker if no other was named. */
    public KafkaTarget target() {
        if (target == null) {
            String bootstrap = values.get(Option.BOOTSTRAP_SERVER.name());
            target = bootstrap == null ? KafkaTarget.bundled() : KafkaTarget.external(bootstrap);
            if (target.isBundled()) {
                out.println("Started the bundled broker at " + target.bootstrapServers());
            }
        }
        return target;
    }

    /** Shorthand for {@code target().bootstrapServers()}. */
    public String bootstrapServers() {
        return target().bootstrapServers();
    }

    private Option declared(String option) {
        return command.options().stream().filter(o -> o.name().equals(option)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException(command.name() + " declares no option --" + option));
    }

    @Override
    public void close() {
        if (target != null) {
            target.close();
        }
    }
}
