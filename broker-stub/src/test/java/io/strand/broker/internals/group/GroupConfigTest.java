package io.strand.broker.internals.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupConfigTest {

    @Test
    void defaultsAreKafkasButForTheInitialRebalanceDelay() {
        GroupConfig d = GroupConfig.defaults();
        assertEquals(6_000, d.minSessionTimeoutMs());
        assertEquals(1_800_000, d.maxSessionTimeoutMs());
        assertEquals(0, d.initialRebalanceDelayMs());
        assertEquals(Integer.MAX_VALUE, d.maxSize());
        assertEquals(4096, d.offsetMetadataMaxBytes());
        assertEquals(7L * 24 * 3600 * 1000, d.offsetsRetentionMs());
        assertEquals(600_000, d.offsetsRetentionCheckIntervalMs());
    }

    @Test
    void brokerPropertiesOverrideTheDefaultsAndOtherKeysAreLeftAlone() {
        GroupConfig c = GroupConfig.fromProperties(Map.of(
            "group.min.session.timeout.ms", "1000",
            "group.max.session.timeout.ms", 60_000,
            "group.initial.rebalance.delay.ms", " 3000 ",
            "group.max.size", 5,
            "offset.metadata.max.bytes", "10",
            "offsets.retention.minutes", "2",
            "offsets.retention.check.interval.ms", 1_000L,
            "log.dirs", "/tmp/elsewhere"));
        assertEquals(new GroupConfig(1_000, 60_000, 3_000, 5, 10, 120_000, 1_000), c);
        assertEquals(c, GroupConfig.defaults().withSessionTimeoutBounds(1_000, 60_000).withInitialRebalanceDelayMs(3_000)
            .withMaxSize(5).withOffsetMetadataMaxBytes(10).withOffsetsRetention(120_000, 1_000));
    }

    @Test
    void badValuesAreRejectedNamingTheirKey() {
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
            () -> GroupConfig.fromProperties(Map.of("group.max.size", "many")));
        assertTrue(notANumber.getMessage().contains("group.max.size"), notANumber.getMessage());
        IllegalArgumentException inverted = assertThrows(IllegalArgumentException.class,
            () -> GroupConfig.fromProperties(Map.of("group.min.session.timeout.ms", 10_000,
                "group.max.session.timeout.ms", 5_000)));
        assertTrue(inverted.getMessage().contains("group.max.session.timeout.ms"), inverted.getMessage());
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
            () -> GroupConfig.fromProperties(Map.of("group.max.size", Long.MAX_VALUE)));
        assertTrue(tooBig.getMessage().contains("out of range"), tooBig.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> GroupConfig.defaults().withInitialRebalanceDelayMs(-1));
    }
}
