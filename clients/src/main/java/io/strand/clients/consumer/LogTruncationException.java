package io.strand.clients.consumer;

import io.strand.common.TopicPartition;
import java.util.Collections;
import java.util.Map;

/** The log was truncated below the consumer's position (an unclean leader change) and no reset policy applies. */
public class LogTruncationException extends OffsetOutOfRangeException {
    private static final long serialVersionUID = 1L;

    private final Map<TopicPartition, OffsetAndMetadata> divergentOffsets;

    public LogTruncationException(Map<TopicPartition, Long> fetchOffsets,
                                  Map<TopicPartition, OffsetAndMetadata> divergentOffsets) {
        this("Truncated partitions detected with divergent offsets " + divergentOffsets, fetchOffsets, divergentOffsets);
    }

    public LogTruncationException(String message, Map<TopicPartition, Long> fetchOffsets,
                                  Map<TopicPartition, OffsetAndMetadata> divergentOffsets) {
        super(message, fetchOffsets);
        this.divergentOffsets = Collections.unmodifiableMap(divergentOffsets);
    }

    public Map<TopicPartition, OffsetAndMetadata> divergentOffsets() {
        return divergentOffsets;
    }
}
