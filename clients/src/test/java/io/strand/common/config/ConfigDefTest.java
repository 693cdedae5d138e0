package io.strand.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.KafkaException;
import io.strand.common.config.ConfigDef.CaseInsensitiveValidString;
import io.strand.common.config.ConfigDef.Importance;
import io.strand.common.config.ConfigDef.NonEmptyString;
import io.strand.common.config.ConfigDef.Range;
import io.strand.common.config.ConfigDef.Type;
import io.strand.common.config.ConfigDef.ValidList;
import io.strand.common.config.ConfigDef.ValidString;
import io.strand.common.config.types.Password;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefTest {

    @Test
    void parsesEveryTypeFromItsJavaValue() {
        ConfigDef def = everyType();
        Map<String, Object> v = def.parse(Map.of(
            "b", true, "s", "text", "i", 7, "sh", (short) 3, "l", 9L, "d", 1.5,
            "list", List.of("x", "y"), "c", String.class, "p", new Password("secret")));
        assertEquals(true, v.get("b"));
        assertEquals("text", v.get("s"));
        assertEquals(7, v.get("i"));
        assertEquals((short) 3, v.get("sh"));
        assertEquals(9L, v.get("l"));
        assertEquals(1.5, v.get("d"));
        assertEquals(List.of("x", "y"), v.get("list"));
        assertSame(String.class, v.get("c"));
        assertEquals("secret", ((Password) v.get("p")).value());
    }

    @Test
    void parsesEveryTypeFromStrings() {
        Map<String, Object> v = everyType().parse(Map.of(
            "b", " TRUE ", "s", " text ", "i", " 7", "sh", "3", "l", "9000000000", "d", "2.25",
            "list", "a, b ,c", "c", "java.lang.String", "p", "secret"));
        assertEquals(true, v.get("b"));
        assertEquals("text", v.get("s"));
        assertEquals(7, v.get("i"));
        assertEquals((short) 3, v.get("sh"));
        assertEquals(9_000_000_000L, v.get("l"));
        assertEquals(2.25, v.get("d"));
        assertEquals(List.of("a", "b", "c"), v.get("list"));
        assertSame(String.class, v.get("c"));
        assertEquals(new Password("secret"), v.get("p"));
    }

    @Test
    void longAcceptsIntegerAndDoubleAcceptsAnyNumber() {
        assertEquals(5L, ConfigDef.parseType("k", 5, Type.LONG));
        assertEquals(5.0, ConfigDef.parseType("k", 5, Type.DOUBLE));
        assertEquals(List.of(), ConfigDef.parseType("k", "  ", Type.LIST));
        assertEquals(false, ConfigDef.parseType("k", "False", Type.BOOLEAN));
    }

    @Test
    void defaultsFillMissingKeysAndRequiredKeysFail() {
        ConfigDef def = new ConfigDef()
            .define("opt", Type.INT, 42, Importance.LOW, "optional")
            .define("req", Type.STRING, Importance.HIGH, "required");
        assertEquals(42, def.parse(Map.of("req", "x")).get("opt"));
        ConfigException e = assertThrows(ConfigException.class, () -> def.parse(Map.of()));
        assertTrue(e.getMessage().contains("Missing required configuration \"req\""), e.getMessage());
    }

    @Test
    void wrongTypesNameTheKeyAndTheValue() {
        assertMessage("Invalid value abc for configuration i: Not a number of type INT",
            () -> ConfigDef.parseType("i", "abc", Type.INT));
        assertMessage("Invalid value 99999 for configuration sh", () -> ConfigDef.parseType("sh", "99999", Type.SHORT));
        assertMessage("Invalid value x for configuration l", () -> ConfigDef.parseType("l", "x", Type.LONG));
        assertMessage("Invalid value 1.x for configuration d", () -> ConfigDef.parseType("d", "1.x", Type.DOUBLE));
        assertMessage("Invalid value yes for configuration b: Expected value to be either true or false",
            () -> ConfigDef.parseType("b", "yes", Type.BOOLEAN));
        assertMessage("Invalid value 5 for configuration s: Expected value to be a string, but it was a java.lang.Integer",
            () -> ConfigDef.parseType("s", 5, Type.STRING));
        assertMessage("Invalid value 5 for configuration i: Expected value to be a 32-bit integer, but it was a java.lang.Long",
            () -> ConfigDef.parseType("i", 5L, Type.INT));
        assertMessage("Invalid value 5 for configuration list", () -> ConfigDef.parseType("list", 5, Type.LIST));
        assertMessage("Invalid value 5 for configuration c", () -> ConfigDef.parseType("c", 5, Type.CLASS));
        assertMessage("Invalid value 5 for configuration b", () -> ConfigDef.parseType("b", 5, Type.BOOLEAN));
        assertMessage("Invalid value 5 for configuration p", () -> ConfigDef.parseType("p", 5, Type.PASSWORD));
    }

    @Test
    void unknownClassNamesTheKeyAndTheValue() {
        assertMessage("Invalid value com.example.Nope for configuration c: Class com.example.Nope could not be found.",
            () -> ConfigDef.parseType("c", "com.example.Nope", Type.CLASS));
        assertMessage("Invalid value org.apache.kafka.Nope for configuration c: Class org.apache.kafka.Nope could not "
            + "be found, nor its Strand equivalent io.strand.Nope.", () -> ConfigDef.parseType("c", "org.apache.kafka.Nope", Type.CLASS));
    }

    @Test
    void apacheClassNamesResolveToStrandClassesEvenWhenTheApacheClassExists() throws Exception {
        // kafka-clients is on the test class path: the Apache class is loadable, yet Strand's must win.
        Class.forName("org.apache.kafka.common.config.types.Password");
        assertSame(Password.class, ConfigDef.parseType("c", "org.apache.kafka.common.config.types.Password", Type.CLASS));
        assertSame(TestPlugin.class, ConfigDef.parseType("c", "org.apache.kafka.common.config.TestPlugin", Type.CLASS));
        // An Apache class with no Strand twin still loads as itself.
        assertEquals("org.apache.kafka.strandtest.OnlyApache",
            ((Class<?>) ConfigDef.parseType("c", "org.apache.kafka.strandtest.OnlyApache", Type.CLASS)).getName());
    }

    @Test
    void passwordsNeverShowInMessages() {
        ConfigException e = new ConfigException("ssl.key.password", new Password("hunter2"), "bad");
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("[hidden]"));
        assertEquals("[hidden]", new Password("hunter2").toString());
        assertTrue(e instanceof KafkaException);
        assertEquals("ssl.key.password", e.configName());
    }

    @Test
    void rangeValidator() {
        ConfigDef def = new ConfigDef()
            .define("a", Type.INT, 1, Range.atLeast(0), Importance.LOW, "")
            .define("b", Type.LONG, 5L, Range.between(1, 10), Importance.LOW, "")
            .define("c", Type.DOUBLE, 0.5, Range.between(0.0, 1.0), Importance.LOW, "");
        assertEquals(0, def.parse(Map.of("a", "0")).get("a"));
        assertEquals(10L, def.parse(Map.of("b", "10")).get("b"));
        assertMessage("Invalid value -1 for configuration a: Value must be at least 0", () -> def.parse(Map.of("a", -1)));
        assertMessage("Invalid value 11 for configuration b: Value must be no more than 10", () -> def.parse(Map.of("b", "11")));
        assertMessage("Invalid value 0 for configuration b: Value must be at least 1", () -> def.parse(Map.of("b", 0L)));
        assertMessage("Invalid value 1.5 for configuration c: Value must be no more than 1.0", () -> def.parse(Map.of("c", 1.5)));
        assertMessage("Invalid value null for configuration a: Value must be non-null",
            () -> Range.atLeast(0).ensureValid("a", null));
        assertEquals("[1,...,10]", Range.between(1, 10).toString());
        assertEquals("[0,...]", Range.atLeast(0).toString());
    }

    @Test
    void validStringValidators() {
        ConfigDef def = new ConfigDef()
            .define("acks", Type.STRING, "all", ValidString.in("all", "-1", "0", "1"), Importance.HIGH, "")
            .define("reset", Type.STRING, "latest", CaseInsensitiveValidString.in("latest", "earliest"), Importance.LOW, "");
        assertEquals("1", def.parse(Map.of("acks", "1")).get("acks"));
        assertMessage("Invalid value ALL for configuration acks: String must be one of: all, -1, 0, 1",
            () -> def.parse(Map.of("acks", "ALL")));
        assertEquals("EARLIEST", def.parse(Map.of("reset", "EARLIEST")).get("reset"));
        assertMessage("Invalid value none for configuration reset: String must be one of (case insensitive): latest, earliest",
            () -> def.parse(Map.of("reset", "none")));
    }

    @Test
    void validListValidator() {
        ConfigDef def = new ConfigDef()
            .define("l", Type.LIST, "a", ValidList.in("a", "b"), Importance.LOW, "")
            .define("n", Type.LIST, "x", ValidList.anyNonDuplicateValues(false, false), Importance.LOW, "");
        assertEquals(List.of("b", "a"), def.parse(Map.of("l", "b,a")).get("l"));
        assertEquals(List.of(), def.parse(Map.of("l", "")).get("l"));
        assertMessage("Invalid value c for configuration l: String must be one of: a, b", () -> def.parse(Map.of("l", "a,c")));
        assertMessage("List contains duplicate value a", () -> def.parse(Map.of("l", "a,a")));
        assertMessage("Invalid value [] for configuration n: List must be non-empty", () -> def.parse(Map.of("n", "")));
        assertMessage("List contains duplicate value y", () -> def.parse(Map.of("n", "y,z,y")));
    }

    @Test
    void nonEmptyStringValidator() {
        ConfigDef def = new ConfigDef().define("s", Type.STRING, "x", new NonEmptyString(), Importance.LOW, "");
        assertMessage("Invalid value  for configuration s: String must be non-empty", () -> def.parse(Map.of("s", " ")));
        assertMessage("Invalid value null for configuration s: String must be non-empty", () -> def.parse(mapOfNull("s")));
    }

    @Test
    void invalidDefaultsAndDuplicateKeysFailAtDefinition() {
        assertThrows(ConfigException.class,
            () -> new ConfigDef().define("a", Type.INT, -5, Range.atLeast(0), Importance.LOW, ""));
        ConfigDef def = new ConfigDef().define("a", Type.INT, 1, Importance.LOW, "");
        assertMessage("Configuration a is defined twice.", () -> def.define("a", Type.INT, 1, Importance.LOW, ""));
    }

    @Test
    void nullValueIsKeptWhenNoValidatorObjects() {
        ConfigDef def = new ConfigDef().define("s", Type.STRING, "x", Importance.LOW, "");
        assertNull(def.parse(mapOfNull("s")).get("s"));
    }

    @Test
    void markdownListsRequiredKeysFirstThenByImportance() {
        ConfigDef def = new ConfigDef()
            .define("z.low", Type.INT, 1, Range.atLeast(0), Importance.LOW, "Low | piped\ndoc.")
            .define("a.high", Type.LIST, "x,y", Importance.HIGH, "High doc.")
            .define("m.required", Type.STRING, Importance.MEDIUM, "Required doc.")
            .define("pw", Type.PASSWORD, null, Importance.MEDIUM, "Secret.");
        String md = def.toMarkdown();
        String[] lines = md.split("\n");
        assertEquals("| Key | Type | Default | Valid values | Importance | Description |", lines[0]);
        assertEquals("| `m.required` | string | (required) |  | medium | Required doc. |", lines[2]);
        assertEquals("| `a.high` | list | x,y |  | high | High doc. |", lines[3]);
        assertEquals("| `pw` | password | null |  | medium | Secret. |", lines[4]);
        assertEquals("| `z.low` | int | 1 | [0,...] | low | Low \\| piped doc. |", lines[5]);
        assertEquals(6, lines.length);
    }

    private static Map<String, Object> mapOfNull(String key) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put(key, null);
        return m;
    }

    static ConfigDef everyType() {
        return new ConfigDef()
            .define("b", Type.BOOLEAN, false, Importance.LOW, "")
            .define("s", Type.STRING, "", Importance.LOW, "")
            .define("i", Type.INT, 0, Importance.LOW, "")
            .define("sh", Type.SHORT, (short) 0, Importance.LOW, "")
            .define("l", Type.LONG, 0L, Importance.LOW, "")
            .define("d", Type.DOUBLE, 0.0, Importance.LOW, "")
            .define("list", Type.LIST, "", Importance.LOW, "")
            .define("c", Type.CLASS, null, Importance.LOW, "")
            .define("p", Type.PASSWORD, null, Importance.LOW, "");
    }

    static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable ex) {
        ConfigException e = assertThrows(ConfigException.class, ex);
        assertTrue(e.getMessage().contains(expectedPart), () -> "expected '" + expectedPart + "' in: " + e.getMessage());
    }
}
