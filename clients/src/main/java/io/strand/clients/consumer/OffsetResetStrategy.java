package io.strand.clients.consumer;

import java.util.Locale;

/**
 * The fixed values of auto.offset.reset, as Apache kafka-clients 4.x still ships them.
 *
 * @deprecated kept for source compatibility, as in Apache Kafka 4.x; use the strings of
 * {@link ConsumerConfig#AUTO_OFFSET_RESET_CONFIG}.
 */
@Deprecated
public enum OffsetResetStrategy {
    LATEST, EARLIEST, NONE;

    @Override
    public String toString() {
        return super.toString().toLowerCase(Locale.ROOT);
    }
}
