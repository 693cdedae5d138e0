package io.strand.examples;

import io.strand.examples.cli.Cli;
import io.strand.examples.cli.Command;
import io.strand.examples.quickstart.Quickstart;
import java.util.List;

/** The entry point of strand-examples.jar: {@code <command> [options]}, or {@code --help}. */
public final class Main {

    static final String PROGRAM = "java -jar examples/target/strand-examples.jar";

    private Main() {
    }

    public static void main(String[] args) {
        quietLogging();
        System.exit(cli().run(args, System.out, System.err));
    }

    static Cli cli() {
        List<Command> commands = List.of(
            new Quickstart(),
            new PropertiesFileProducer(),
            new CallbackProducer(),
            new CustomPartitionerProducer(),
            new InterceptorChain(),
            new AutoCommitConsumer(),
            new ManualCommitConsumer(),
            new ExternalOffsetsConsumer(),
            new AssignAndSeek(),
            new PauseResumeConsumer(),
            new MultiThreadedConsumer());
        return new Cli(PROGRAM,
            "Strand examples: programs to copy, each runnable against a bundled broker or any Kafka.", commands);
    }

    /**
     * Logs warnings and errors only, so that what the examples print stays readable; the
     * interceptors' reports are what the interceptor example is about, so they stay at INFO.
     * Any of these can be overridden with -D on the java command line.
     */
    private static void quietLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.io.strand.interceptors", "info");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
