package io.strand.interceptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.clients.consumer.ConsumerRecord;
import io.strand.clients.consumer.OffsetAndMetadata;
import io.strand.clients.producer.ProducerRecord;
import io.strand.clients.producer.RecordMetadata;
import io.strand.common.TopicPartition;
import io.strand.common.config.ConfigException;
import io.strand.common.errors.TimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoggingInterceptorsTest {

    private static final RecordMetadata ACKED = new RecordMetadata(new TopicPartition("orders", 3), 1041, 0, 1L, 1, 1);

    private static Map<String, Object> configs(Object... keysAndValues) {
        Map<String, Object> configs = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            configs.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return configs;
    }

    private static LoggingProducerInterceptor<String, String> producerSide(Map<String, ?> configs) {
        LoggingProducerInterceptor<String, String> logging = new LoggingProducerInterceptor<>();
        logging.configure(configs);
        return logging;
    }

    @Test
    void logsSendsAndAcksAtTheConfiguredLevelHidingPayloads() throws Exception {
        LoggingProducerInterceptor<String, String> logging = producerSide(configs(
            "interceptor.logging.level", "debug", "interceptor.logging.logger", "strand.test.producer"));
        List<String> lines = LogCapture.lines(() -> {
            logging.onSend(new ProducerRecord<>("orders", "secret-key", "secret-value"));
            logging.onAcknowledgement(ACKED, null);
        });
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("DEBUG strand.test.producer - send orders[-] key=<hidden> value=<hidden>"
            + " headers=0"), lines.get(0));
        assertTrue(lines.get(1).contains("acked orders-3@1041"), lines.get(1));
        assertTrue(lines.stream().noneMatch(l -> l.contains("secret")), lines.toString());
    }

    @Test
    void showsPayloadsWhenAskedAndCutsLongOnes() throws Exception {
        LoggingProducerInterceptor<String, String> logging = producerSide(configs(
            "interceptor.logging.include.payload", "true", "interceptor.logging.logger", "strand.test.payload"));
        String longValue = "x".repeat(1000);
        List<String> lines = LogCapture.lines(() -> {
            logging.onSend(new ProducerRecord<>("orders", 2, "k1", "v1"));
            logging.onSend(new ProducerRecord<>("orders", "k2", longValue));
        });
        assertTrue(lines.get(0).contains("INFO") && lines.get(0).contains("send orders[2] key=k1 value=v1"),
            lines.get(0));
        assertTrue(lines.get(1).contains("x".repeat(200) + "...(1000 chars)")
            && !lines.get(1).contains("x".repeat(201)), lines.get(1));
    }

    @Test
    void samplesOneInNButAlwaysLogsFailuresAtWarn() throws Exception {
        LoggingProducerInterceptor<String, String> logging = producerSide(configs(
            "interceptor.logging.sample.every", 10, "interceptor.logging.level", "TRACE",
            "interceptor.logging.logger", "strand.test.sampled"));
        List<String> lines = LogCapture.lines(() -> {
            for (int i = 0; i < 95; i++) {
                logging.onSend(new ProducerRecord<>("t", "v"));
                logging.onAcknowledgement(ACKED, null);
            }
            logging.onAcknowledgement(new RecordMetadata(new TopicPartition("t", 1), -1, 0, -1, -1, -1),
                new TimeoutException("expired in accumulator"));
        });
        assertEquals(10, lines.stream().filter(l -> l.contains("TRACE") && l.contains("send t[")).count());
        assertEquals(10, lines.stream().filter(l -> l.contains("TRACE") && l.contains("acked")).count());
        List<String> warnings = new ArrayList<>();
        lines.stream().filter(l -> l.contains("WARN")).forEach(warnings::add);
        assertEquals(1, warnings.size(), lines.toString());
        assertTrue(warnings.get(0).contains("send to t-1 failed"), warnings.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains("expired in accumulator")), "the exception is logged");
    }

    @Test
    void aLevelTheLoggerIgnoresLogsNothingButFailures() throws Exception {
        // slf4j-simple's default level is INFO, so DEBUG lines of this class-named logger are off.
        LoggingProducerInterceptor<String, String> logging =
            producerSide(configs("interceptor.logging.level", "DEBUG"));
        List<String> lines = LogCapture.lines(() -> {
            logging.onSend(new ProducerRecord<>("t", "v"));
            logging.onAcknowledgement(ACKED, null);
            logging.onAcknowledgement(ACKED, new TimeoutException("late"));
        });
        assertEquals(1, lines.stream().filter(l -> l.contains("WARN")).count(), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("send t[") || l.contains("acked")), lines.toString());
    }

    @Test
    void consumerSideLogsSampledRecordsAndEveryCommit() throws Exception {
        LoggingConsumerInterceptor<String, String> logging = new LoggingConsumerInterceptor<>();
        logging.configure(configs("interceptor.logging.sample.every", "2", "interceptor.logging.logger",
            "strand.test.consumer", "interceptor.logging.include.payload", true));
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(new ConsumerRecord<>("orders", 3, 100 + i, "k" + i, "v" + i));
        }
        List<String> lines = LogCapture.lines(() -> {
            logging.onConsume(Records.batch(batch));
            logging.onCommit(Map.of(new TopicPartition("orders", 3), new OffsetAndMetadata(105)));
        });
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("consumed orders-3@100 key=k0 value=v0"), lines.get(0));
        assertTrue(lines.get(1).contains("consumed orders-3@102"), lines.get(1));
        assertTrue(lines.get(2).contains("consumed orders-3@104"), lines.get(2));
        assertTrue(lines.get(3).contains("committed {orders-3=") && lines.get(3).contains("105"), lines.get(3));
    }

    @Test
    void wrongSettingsNameTheKey() {
        ConfigException level = assertThrows(ConfigException.class,
            () -> producerSide(configs("interceptor.logging.level", "LOUD")));
        assertEquals("interceptor.logging.level", level.configName());
        assertTrue(level.getMessage().contains("LOUD"), level.getMessage());
        ConfigException every = assertThrows(ConfigException.class,
            () -> new LoggingConsumerInterceptor<String, String>().configure(configs("interceptor.logging.sample.every",
                0)));
        assertEquals("interceptor.logging.sample.every", every.configName());
        ConfigException payload = assertThrows(ConfigException.class,
            () -> producerSide(configs("interceptor.logging.include.payload", "yes")));
        assertEquals("interceptor.logging.include.payload", payload.configName());
    }
}
