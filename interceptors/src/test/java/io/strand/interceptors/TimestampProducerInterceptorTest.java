package io.strand.interceptors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.clients.producer.ProducerRecord;
import io.strand.common.config.ConfigException;
import io.strand.common.header.Header;
import io.strand.common.header.internals.RecordHeader;
import io.strand.common.header.internals.RecordHeaders;
import io.strand.interceptors.internals.SendTimeHeader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TimestampProducerInterceptorTest {

    private static final long NOW = 1_718_000_000_123L;

    private static <V> TimestampProducerInterceptor<String, V> stamper(Map<String, ?> configs) {
        TimestampProducerInterceptor<String, V> stamper = new TimestampProducerInterceptor<>(() -> NOW);
        stamper.configure(configs);
        return stamper;
    }

    @Test
    void stampsTheSendTimeAsEightBigEndianBytesAndKeepsTheRest() {
        TimestampProducerInterceptor<String, String> stamper = stamper(Map.of());
        ProducerRecord<String, String> original = new ProducerRecord<>("t", 3, 42L, "k", "v",
            List.<Header>of(new RecordHeader("other", new byte[]{9})));
        ProducerRecord<String, String> stamped = stamper.onSend(original);
        assertArrayEquals(ByteBuffer.allocate(8).putLong(NOW).array(),
            stamped.headers().lastHeader("strand.send.time").value());
        assertEquals(NOW, SendTimeHeader.read(stamped.headers(), "strand.send.time"));
        assertEquals("t", stamped.topic());
        assertEquals(3, stamped.partition());
        assertEquals(42L, stamped.timestamp());
        assertEquals("k", stamped.key());
        assertEquals("v", stamped.value());
        assertArrayEquals(new byte[]{9}, stamped.headers().lastHeader("other").value());
        assertNull(original.headers().lastHeader("strand.send.time"), "the caller's record is left alone");
    }

    @Test
    void replacesAnEarlierStampAndCopesWithReadOnlyHeaders() {
        TimestampProducerInterceptor<String, String> stamper = stamper(Map.of("interceptor.timestamp.header", "sent"));
        RecordHeaders headers = new RecordHeaders();
        headers.add("sent", SendTimeHeader.encode(5));
        ProducerRecord<String, String> forwarded = new ProducerRecord<>("t", null, "k", "v", headers);
        forwarded.headers().add("x", null);
        ((RecordHeaders) forwarded.headers()).setReadOnly();
        ProducerRecord<String, String> stamped = stamper.onSend(forwarded);
        int count = 0;
        for (Header h : stamped.headers().headers("sent")) {
            count++;
            assertEquals(NOW, ByteBuffer.wrap(h.value()).getLong());
        }
        assertEquals(1, count);
    }

    @Test
    void prefixesStringValuesWhenAsked() {
        Properties props = new Properties();
        props.setProperty("interceptor.timestamp.value.prefix", "true");
        @SuppressWarnings("unchecked")
        Map<String, ?> configs = (Map<String, ?>) (Map<?, ?>) props;
        TimestampProducerInterceptor<String, String> stamper = stamper(configs);
        assertEquals(NOW + ",hello", stamper.onSend(new ProducerRecord<>("t", "hello")).value());
        assertNull(stamper.onSend(new ProducerRecord<String, String>("t", "k", null)).value(), "tombstones stay");

        TimestampProducerInterceptor<String, String> spaced = stamper(Map.of(
            "interceptor.timestamp.value.prefix", true, "interceptor.timestamp.value.separator", " | "));
        assertEquals(NOW + " | hello", spaced.onSend(new ProducerRecord<>("t", "hello")).value());
    }

    @Test
    void refusesToPrefixAValueThatIsNotAString() {
        TimestampProducerInterceptor<String, Object> stamper = stamper(Map.of("interceptor.timestamp.value.prefix",
            "true"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> stamper.onSend(new ProducerRecord<>("orders", new byte[]{1})));
        assertTrue(e.getMessage().contains("interceptor.timestamp.value.prefix") && e.getMessage().contains("'orders'")
            && e.getMessage().contains("[B"), e.getMessage());
    }

    @Test
    void wrongSettingsNameTheKey() {
        ConfigException notBoolean = assertThrows(ConfigException.class,
            () -> stamper(Map.of("interceptor.timestamp.value.prefix", "maybe")));
        assertEquals("interceptor.timestamp.value.prefix", notBoolean.configName());
        ConfigException emptyHeader = assertThrows(ConfigException.class,
            () -> stamper(Map.of("interceptor.timestamp.header", " ")));
        assertEquals("interceptor.timestamp.header", emptyHeader.configName());
    }
}
