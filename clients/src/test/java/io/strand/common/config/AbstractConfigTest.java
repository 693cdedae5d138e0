package io.strand.common.config;

import static io.strand.common.config.ConfigDefTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.common.KafkaException;
import io.strand.common.config.ConfigDef.Importance;
import io.strand.common.config.ConfigDef.Type;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AbstractConfigTest {

    private static final ConfigDef DEF = new ConfigDef(ConfigDefTest.everyType())
        .define("plugin", Type.CLASS, null, Importance.LOW, "")
        .define("plugins", Type.LIST, "", Importance.LOW, "");

    @Test
    void loadsAPropertiesFileAndReturnsTypedValues() throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(String.join("\n",
            "b=true", "s=hello", "i=5", "sh=2", "l=123456789012", "d=0.75", "list=a,b",
            "c=java.lang.Integer", "p=secret", "plugin=org.apache.kafka.common.config.TestPlugin",
            "plugins=io.strand.common.config.TestPlugin, io.strand.common.config.OtherTestPlugin")));
        AbstractConfig config = new AbstractConfig(DEF, props);
        assertTrue(config.getBoolean("b"));
        assertEquals("hello", config.getString("s"));
        assertEquals(5, config.getInt("i"));
        assertEquals((short) 2, config.getShort("sh"));
        assertEquals(123456789012L, config.getLong("l"));
        assertEquals(0.75, config.getDouble("d"));
        assertEquals(List.of("a", "b"), config.getList("list"));
        assertSame(Integer.class, config.getClass("c"));
        assertEquals("secret", config.getPassword("p").value());
        assertSame(TestPlugin.class, config.getClass("plugin"));
        assertEquals("5", config.originals().get("i"));
        assertFalse(config.toString().contains("secret"), config.toString());
    }

    @Test
    void badValueFromPropertiesNamesKeyAndValue() throws IOException {
        Properties props = new Properties();
        props.load(new StringReader("i=five\n"));
        assertMessage("Invalid value five for configuration i", () -> new AbstractConfig(DEF, props));
    }

    @Test
    void unknownGetterKeyFails() {
        AbstractConfig config = new AbstractConfig(DEF, Map.of());
        assertMessage("Unknown configuration 'nope'", () -> config.getInt("nope"));
    }

    @Test
    void nonStringKeysAreRejected() {
        Map<Object, Object> m = new HashMap<>();
        m.put(5, "x");
        assertMessage("Key must be a string", () -> new AbstractConfig(DEF, m));
    }

    @Test
    void originalsWithPrefixStripsThePrefix() {
        AbstractConfig config = new AbstractConfig(DEF, Map.of("i", 1, "x.a", "1", "x.b", 2, "x.", "empty", "y.c", 3),
            false);
        assertEquals(Map.of("a", "1", "b", 2), config.originalsWithPrefix("x."));
        assertEquals(Map.of("x.a", "1", "x.b", 2), config.originalsWithPrefix("x.", false));
        assertThrows(ClassCastException.class, config::originalsStrings);
    }

    @Test
    void configuredInstanceSeesOriginalsAndOverrides() {
        AbstractConfig config = new AbstractConfig(DEF, Map.of("plugin", TestPlugin.class, "custom.key", "v"), false);
        TestPlugin p = (TestPlugin) config.getConfiguredInstance("plugin", TestPluginApi.class, Map.of("extra", 1));
        assertEquals("v", p.configs.get("custom.key"));
        assertEquals(1, p.configs.get("extra"));
        assertNull(new AbstractConfig(DEF, Map.of(), false).getConfiguredInstance("plugin", TestPluginApi.class));
    }

    @Test
    void configuredInstancesFromClassNamesAndClassObjects() {
        AbstractConfig config = new AbstractConfig(DEF, Map.of("plugins",
            List.of("org.apache.kafka.common.config.TestPlugin", OtherTestPlugin.class)), false);
        List<TestPluginApi> list = config.getConfiguredInstances("plugins", TestPluginApi.class);
        assertEquals(2, list.size());
        assertInstanceOf(TestPlugin.class, list.get(0));
        assertInstanceOf(OtherTestPlugin.class, list.get(1));
        assertEquals(config.originals(), ((TestPlugin) list.get(0)).configs);
    }

    @Test
    void apacheSerializerNamesInAPropertiesFileGiveStrandSerializers() throws IOException {
        Properties props = new Properties();
        props.load(new StringReader("plugin=org.apache.kafka.common.serialization.StringSerializer\n"));
        Object serializer = new AbstractConfig(DEF, props, false)
            .getConfiguredInstance("plugin", io.strand.common.serialization.Serializer.class);
        assertInstanceOf(io.strand.common.serialization.StringSerializer.class, serializer);
    }

    @Test
    void instancesOfTheWrongTypeOrThatFailAreNamed() {
        AbstractConfig wrong = new AbstractConfig(DEF, Map.of("plugin", String.class), false);
        KafkaException e = assertThrows(KafkaException.class,
            () -> wrong.getConfiguredInstance("plugin", TestPluginApi.class));
        assertEquals("java.lang.String (configured in plugin) is not an instance of io.strand.common.config.TestPluginApi",
            e.getMessage());
        AbstractConfig failing = new AbstractConfig(DEF, Map.of("plugins", "io.strand.common.config.FailingTestPlugin"),
            false);
        e = assertThrows(KafkaException.class, () -> failing.getConfiguredInstances("plugins", TestPluginApi.class));
        assertTrue(e.getMessage().contains("FailingTestPlugin (configured in plugins)"), e.getMessage());
        assertEquals("boom in constructor", e.getCause().getMessage());
        AbstractConfig missing = new AbstractConfig(DEF, Map.of("plugins", "com.example.Missing"), false);
        assertMessage("Invalid value com.example.Missing for configuration plugins",
            () -> missing.getConfiguredInstances("plugins", TestPluginApi.class));
    }

    @Test
    void unknownKeysAreWarnedOnceEach() {
        String err = captureStderr(() -> new AbstractConfig(DEF, Map.of("i", 1, "mystery.key", "x", "other", 2)));
        assertEquals(1, count(err, "The configuration 'mystery.key' was supplied but isn't a known config."), err);
        assertEquals(1, count(err, "The configuration 'other' was supplied but isn't a known config."), err);
        assertFalse(err.contains("'i'"), err);
        assertTrue(err.contains("WARN"), err);
        String quiet = captureStderr(() -> new AbstractConfig(DEF, Map.of("mystery.key", "x"), false));
        assertFalse(quiet.contains("mystery.key"), quiet);
    }

    @Test
    void postProcessingCanDeriveValues() {
        class Derived extends AbstractConfig {
            Derived(Map<String, ?> m) {
                super(DEF, m, false);
            }

            @Override
            protected Map<String, Object> postProcessParsedConfig(Map<String, Object> parsed) {
                return Map.of("l", (long) (Integer) parsed.get("i") * 2);
            }
        }
        assertEquals(42L, new Derived(Map.of("i", "21")).getLong("l"));
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** slf4j-simple writes to whatever System.err is when it logs. */
    static synchronized String captureStderr(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
