package io.strand.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.examples.cli.Cli;
import io.strand.examples.cli.Command;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

    private static final List<String> COMMANDS = List.of("quickstart", "producer-config", "producer-callback",
        "partitioner", "interceptors", "consumer-auto-commit", "consumer-manual-commit", "consumer-external-offsets",
        "assign-seek", "pause-resume", "consumer-threads");

    @Test
    void helpListsEveryCommandOnOneLineEach() {
        CliRun run = CliRun.of("--help");
        assertEquals(Cli.OK, run.status(), run::toString);
        assertEquals(COMMANDS, Main.cli().commands().stream().map(Command::name).toList());
        for (String name : COMMANDS) {
            assertEquals(1, run.linesStartingWith("  " + name + " "), () -> name + " in\n" + run.out());
        }
    }

    @Test
    void everyCommandHasHelpThatStartsNoBroker() {
        for (String name : COMMANDS) {
            CliRun run = CliRun.of(name, "--help");
            assertEquals(Cli.OK, run.status(), run::toString);
            assertTrue(run.out().startsWith("Usage: " + Main.PROGRAM + " " + name + " [options]"), run::toString);
            assertTrue(run.out().contains("--bootstrap-server <host:port>"), run::toString);
            assertFalse(run.out().contains("Started the bundled broker"), run::toString);
        }
    }

    @Test
    void noArgumentsPrintsTheCommandsAsAUsageError() {
        CliRun run = CliRun.of();
        assertEquals(Cli.USAGE, run.status());
        assertTrue(run.err().contains("quickstart"), run::toString);
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun run = CliRun.of("produce");
        assertEquals(Cli.USAGE, run.status());
        assertTrue(run.err().startsWith("Unknown command 'produce'"), run::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--records=0", "--records=many", "--records", "--topic", "positional",
        "--bootstrap-server=nohost", "--bootstrap-server=host:99999", "--bootstrap-server=host:port"})
    void badOptionsAreUsageErrorsNamingTheOptionBeforeAnythingStarts(String arg) {
        CliRun run = CliRun.of("producer-callback", arg);
        assertEquals(Cli.USAGE, run.status(), run::toString);
        String named = arg.startsWith("--") ? arg.substring(0, arg.indexOf('=') > 0 ? arg.indexOf('=') : arg.length())
            : "'" + arg + "'";
        assertTrue(run.err().contains(named), run::toString);
        assertFalse(run.out().contains("Started the bundled broker"), run::toString);
    }

    @Test
    void anUnreachableBrokerFailsWithTheAddressInTheMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        CliRun run = CliRun.of("producer-callback", "--bootstrap-server", "127.0.0.1:" + port);
        assertEquals(Cli.FAILED, run.status(), run::toString);
        assertTrue(run.err().contains("127.0.0.1:" + port), run::toString);
    }
}
