package io.strand.bench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static CommandLine parse(String... args) {
        return CommandLine.parse(args, Set.of("topic", "num-records"), Set.of("producer-props"), Set.of("print-metrics"));
    }

    @Test
    void valuesListsAndSwitchesInBothSpellings() {
        CommandLine c = parse("--topic", "t", "--num-records=5", "--producer-props", "acks=1", "linger.ms=0",
            "--print-metrics", "--producer-props=batch.size=10");
        assertEquals("t", c.get("topic"));
        assertEquals(5, c.longValue("num-records", 0));
        assertEquals(List.of("acks=1", "linger.ms=0", "batch.size=10"), c.list("producer-props"));
        assertTrue(c.has("print-metrics"));
        assertFalse(c.has("missing"));
    }

    @Test
    void badInputNamesTheFlag() {
        assertEquals("--topic needs a value", assertThrows(IllegalArgumentException.class, () -> parse("--topic")).getMessage());
        assertEquals("--topic needs a value",
            assertThrows(IllegalArgumentException.class, () -> parse("--topic", "--print-metrics")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--nope", "1")).getMessage().contains("--nope"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--topic", "a", "--topic", "b")).getMessage()
            .contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--print-metrics=yes")).getMessage()
            .contains("takes no value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("stray")).getMessage().contains("stray"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--num-records", "ten").longValue("num-records", 0))
            .getMessage().contains("--num-records"));
    }

    @Test
    void keyValuesKeepEqualsSignsInValuesAndRejectMissingParts() {
        Properties p = new Properties();
        CommandLine.putAll(p, List.of("sasl.jaas.config=a=b", "acks=all"), "producer-props");
        assertEquals("a=b", p.get("sasl.jaas.config"));
        assertEquals("all", p.get("acks"));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.putAll(p, List.of("acks"), "producer-props"));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.putAll(p, List.of("=1"), "producer-props"));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.putAll(p, List.of("acks="), "producer-props"));
    }
}
