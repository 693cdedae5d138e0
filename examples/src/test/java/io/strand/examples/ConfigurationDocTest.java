package io.strand.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.clients.consumer.ConsumerConfig;
import io.strand.clients.producer.ProducerConfig;
import io.strand.common.config.ConfigDef;
import io.strand.interceptors.LatencyConsumerInterceptor;
import io.strand.interceptors.TimestampProducerInterceptor;
import io.strand.interceptors.TracingProducerInterceptor;
import io.strand.interceptors.internals.RecordLog;
import io.strand.partitioners.KeyMappingPartitioner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is rendered from the ConfigDefs the clients parse with, and this test
 * fails when the committed file differs, so the reference cannot drift from the code. The
 * examples module is the one that sees every module with settings, which is why it lives here.
 */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final String REGENERATE = "mvn -B -q -pl examples -am test -Dtest=ConfigurationDocTest "
        + "-Dsurefire.failIfNoSpecifiedTests=false -Dstrand.docs.write=true";

    @Test
    void configurationReferenceMatchesTheConfigDefinitions() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("strand.docs.write")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        assertEquals(expected, committed,
            "docs/configuration.md is out of date with the config definitions; regenerate it with: " + REGENERATE);
    }

    static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
            .append("Generated from the configuration definitions the clients parse with ")
            .append("(`ConfigurationDocTest` in the examples module fails when this file is stale; ")
            .append("regenerate with `").append(REGENERATE).append("`).\n\n")
            .append("Keys, types and defaults follow Apache Kafka 4.x. A key a client does not know is ")
            .append("logged as a warning and ignored; a value of the wrong type or out of range fails ")
            .append("construction with a `ConfigException` naming the key and the value.\n");
        section(md, "Producer (`io.strand.clients.producer.ProducerConfig`)", ProducerConfig.configDef());
        section(md, "Consumer (`io.strand.clients.consumer.ConsumerConfig`)", ConsumerConfig.configDef());
        section(md, "KeyMappingPartitioner (`io.strand.partitioners`)", KeyMappingPartitioner.CONFIG);
        section(md, "TimestampProducerInterceptor (`io.strand.interceptors`)", TimestampProducerInterceptor.CONFIG);
        section(md, "TracingProducerInterceptor (`io.strand.interceptors`)", TracingProducerInterceptor.CONFIG);
        section(md, "LatencyConsumerInterceptor (`io.strand.interceptors`)", LatencyConsumerInterceptor.CONFIG);
        section(md, "LoggingProducerInterceptor and LoggingConsumerInterceptor (`io.strand.interceptors`)",
            RecordLog.CONFIG);
        return md.toString();
    }

    private static void section(StringBuilder md, String title, ConfigDef def) {
        md.append("\n## ").append(title).append("\n\n").append(def.toMarkdown());
    }
}
